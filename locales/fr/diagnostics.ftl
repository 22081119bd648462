# Messages et conseils des diagnostics, par règle du catalogue (src/diag/rules.rs).
#
# Typographie française, dans tout texte montré à l’utilisateur : l’apostrophe ’ (jamais '),
# une espace insécable (U+00A0) avant « : » et à l’intérieur des guillemets « … », une
# espace fine insécable (U+202F) avant « ; », « ? » et « ! » (la convention des règles typo/fr).
# Ces espaces sont invisibles : copiez-les d’un texte voisin.
# Un texte qui commence par « ; » s’écrit {"\u202F"}; (Fluent supprime les espaces en tête
# d’une valeur). Le code entre accents graves (`…`) et les { $variables } ne changent pas ;
# un test (src/i18n/typography.rs) signale toute apostrophe droite ou espace ordinaire.

## Fichiers YAML (toutes les règles qui lisent du YAML)

yaml-unknown-key = clé inconnue `{ $key }`
yaml-allowed-keys = clés permises ici : { $keys }
yaml-unknown-value = valeur inconnue `{ $value }`
yaml-allowed-values = valeurs permises : { $values }
yaml-missing-key = il manque la clé obligatoire `{ $key }`
yaml-add-key = ajoutez `{ $key }: …`
yaml-malformed = YAML mal formé
yaml-malformed-detail = YAML mal formé : { $detail }
yaml-malformed-here = YAML mal formé à cet endroit (retrait, guillemets, crochets ou deux-points)
yaml-detail-end = YAML mal formé : le fichier s’arrête au milieu d’une valeur
yaml-detail-quote = YAML mal formé : des guillemets sont ouverts et jamais fermés
yaml-detail-bracket = YAML mal formé : un crochet ou une accolade est ouvert et jamais fermé
yaml-detail-sequence = YAML mal formé : une liste est attendue ici (des lignes qui commencent par `- `, ou `[a, b]`)
yaml-detail-mapping = YAML mal formé : des clés sont attendues ici (des lignes `clé: valeur`)
yaml-detail-scalar = YAML mal formé : une valeur simple ou des clés sont attendues ici
yaml-detail-anchor = YAML mal formé : `*nom` renvoie à une ancre `&nom` que le fichier ne définit pas
yaml-detail-character = YAML mal formé : une valeur ne peut pas commencer par ce caractère ; mettez la valeur entre guillemets
yaml-detail-escape = YAML mal formé : barre oblique inverse suivie d’un caractère inconnu entre guillemets doubles ; écrivez `\\` pour une barre oblique inverse, ou utilisez des guillemets simples
yaml-detail-trailing = YAML mal formé : du texte suit les guillemets fermants d’une valeur
yaml-detail-duplicate = YAML mal formé : la même clé apparaît deux fois
yaml-detail-indentation = YAML mal formé : le retrait est irrégulier ; alignez les clés d’un même niveau
yaml-detail-colon = YAML mal formé : un `:` inattendu ; mettez entre guillemets une valeur qui contient `: `
yaml-detail-budget = YAML mal formé : le fichier est trop imbriqué ou répète trop d’alias pour être lu sans risque
yaml-detail-type = YAML mal formé : cette valeur n’est pas de la forme attendue (texte, nombre, liste ou clés)

## meta/registry (bibliography.yaml)

bibliography-fields = champs possibles : { $fields }
bibliography-unknown-field = champ inconnu `{ $field }` dans l’entrée `{ $entry }`

## structure

structure-unknown-schema = aucun modèle de structure ne s’appelle `{ $name }`
structure-unknown-schema-hint = choisissez parmi : { $schemas }, ou `none` ; ou créez { $file }
structure-unknown-section = la structure `{ $schema }` n’a pas de section `{ $section }`
structure-sections = sections : { $sections }

## procedure

procedure-unknown-actor = `{ $actor }` n’est pas un acteur de actors.yaml
procedure-unknown-actor-no-actors = actors.yaml ne définit encore aucun acteur : ajoutez-y `{ $actor }`
procedure-unknown-actor-add = ajoutez `{ $actor }` à actors.yaml, ou utilisez l’un de ses identifiants : { $ids }{ $more ->
        [0] {""}
       *[other] { " " }et { $more } de plus
    }

## cite

cite-unknown-key = aucun ouvrage n’a la clé `{ $key }` dans la bibliographie
cite-unknown-key-no-bibliography = ajoutez un fichier `bibliography.yaml` (la liste des ouvrages cités) à la racine des sources
cite-unknown-key-add = ajoutez `{ $key }` à bibliography.yaml

## règles de style (style/…, typo/…, spelling/…)

pack-source = source : { $source } ({ $confidence ->
        [iom] règle de l’OIM
        [un] règle des Nations Unies
        [iom-second-hand] règle de l’OIM, connue de seconde main
        [gen-en] usage général de l’anglais
        [gen-fr] usage général du français
        [synth] synthèse de plusieurs guides
       *[other] règle non vérifiée
    })
spelling-did-you-mean = vouliez-vous dire { $words } ?
spelling-add-word = si `{ $word }` est correct, ajoutez-le à { $file } (ou à un registre s’il s’agit d’un acteur, d’un sigle ou d’un terme)

## procédures

procedure-missing-form = l’étape `{ $id }` cite le formulaire « { $text } » mais ne renvoie à aucune annexe qui soit un formulaire
procedure-missing-form-hint = faites un renvoi vers l’annexe qui contient le formulaire (`Fiche ([](#annexe-fiche))`) ; une annexe est un formulaire quand elle a des lignes `____`, des cases à cocher ou un bloc `signature` ; un document qui n’est pas un formulaire s’écrit `{"{"}text: …, form: false{"}"}`
procedure-unused-form = l’annexe « { $title } » est un formulaire qu’aucune étape de procédure ne cite dans ses `outputs:`
procedure-unused-form-hint = citez-la dans l’étape où on la remplit : le tableau des étapes et les fiches de rôle y renverront
procedure-duplicate-step = l’identifiant d’étape `{ $id }` est employé deux fois dans la procédure `{ $id2 }`
procedure-duplicate-step-note = première occurrence ici
procedure-duplicate-step-hint = donnez à chaque étape son propre identifiant
procedure-missing-actor = l’étape `{ $id }` n’a pas d’acteur responsable
procedure-missing-actor-hint = ajoutez `actor: <id>` avec un identifiant de actors.yaml : chaque étape a besoin de quelqu’un qui en répond
procedure-duplicate-branch = la décision `{ $id }` a deux fois la réponse `{ $label }`
procedure-duplicate-branch-hint = chaque réponse mène à un seul endroit ; fusionnez-les ou renommez-les
procedure-unknown-step = la procédure `{ $id }` n’a pas d’étape `{ $target }`
procedure-unreachable = aucun chemin depuis la première étape ne mène à l’étape `{ $id }`
procedure-unreachable-hint = faites-y pointer un `next:` ou une branche de décision, ou supprimez-la
procedure-no-exit = le parcours de la procédure `{ $id }` ne finit jamais : aucune étape atteignable n’a de `exit`
procedure-no-exit-hint = indiquez où le dossier quitte la procédure : `exit: Dossier clos` à la dernière étape
procedure-missing-exit = l’étape `{ $id }` est la dernière et ne dit pas où va le dossier
procedure-missing-exit-hint = ajoutez `exit: Dossier clos` (ou la procédure vers laquelle le dossier est orienté), ou `next: <étape>`
procedure-translation-mismatch-note = tel qu’écrit dans la source `{ $source_lang }`
procedure-translation-mismatch-hint = une traduction ne change que les mots : gardez les étapes, les acteurs et les branches de la source

## notes de bas de page

xref-unused-footnote = la note `[^{ $label }]` n’est appelée nulle part, elle ne sera donc pas imprimée
xref-unused-footnote-hint = placez `[^{ $label }]` là où la note doit être appelée, ou supprimez la note
xref-unknown-footnote = la note `[^{ $label }]` n’a pas de texte dans ce chapitre
xref-unknown-footnote-hint = ajoutez `[^{ $label }]: le texte de la note` sur une ligne à part dans ce fichier (une note appartient au chapitre qui l’appelle)

## fichiers et images

xref-missing-file = `{ $dest }` n’existe pas
xref-missing-file-hint = vérifiez le chemin ; il part du dossier du chapitre
xref-missing-file-2 = `{ $dest }` ne peut pas être lu : { $e }
xref-missing-file-3 = `{ $dest }` est un dossier, pas un fichier
xref-missing-file-hint-2 = faites un lien vers un fichier de ce dossier
xref-missing-file-4 = `{ $dest }` { $why }, il ne sera donc jamais publié
xref-missing-file-hint-3 = déplacez le fichier dans `{ $sources_name }` (par exemple le dossier `assets/` du document), ou ajoutez son dossier à `assets:` dans sopdoc.yaml
pdf-image = le logo `{ $logo }` n’est pas un fichier du projet
pdf-image-hint = donnez un chemin à partir de la racine du projet (le dossier de sopdoc.yaml) ; en attendant, la couverture affiche le nom de l’éditeur
pdf-image-2 = l’image `{ $dest }` { $what }
pdf-image-hint-2 = exportez-la de nouveau en plus petit (au plus { $side } pixels de côté et { $megapixels } mégapixels) ; 3000 pixels de large suffisent largement pour une page imprimée
pdf-image-3 = l’image `{ $dest }` ne peut pas être lue : { $e }

## identifiants et renvois

xref-invalid-id = l’identifiant `{ $id }` ne doit contenir que a-z, 0-9 et `-`
xref-invalid-id-hint = écrivez `{"{"}#{ $slug_id }{"}"}`
xref-duplicate-id = l’identifiant `{ $id }` est défini deux fois dans ce document
xref-duplicate-id-note = première définition ici
xref-duplicate-id-hint = donnez à chaque titre, tableau et figure son propre identifiant
xref-empty-link = ce lien ne mène nulle part
xref-empty-link-hint = écrivez `[](#id)` pour un renvoi ou `[texte](https://…)` pour un lien vers le web
xref-unknown-document = aucun document n’a l’identifiant `{ $doc_part }`
xref-unknown-document-hint = documents : { $join }
xref-unknown-target = aucun titre, tableau ou figure n’a l’identifiant `{ $anchor }` dans { $here ->
        [yes] ce document
       *[no] `{ $doc }`
    }
xref-unknown-target-hint = donnez un identifiant explicite à la cible : `## Titre {"{"}#mon-id{"}"}`
xref-unknown-target-2 = aucune note n’a l’étiquette `[^{ $label }]` dans { $here ->
        [yes] ce document
       *[no] `{ $doc }`
    }
xref-unknown-target-hint-2 = un renvoi vers une note s’écrit `[](#^etiquette)`, la note étant `[^etiquette]: …`
xref-ambiguous-footnote = plusieurs chapitres ont une note `[^{ $label }]` ({ $join })
xref-ambiguous-footnote-hint = donnez à la note visée une étiquette qui lui soit propre, par exemple `[^age-consentement]`
xref-unknown-target-3 = la note `[^{ $label }]` n’est appelée nulle part dans le texte, elle n’a donc pas de numéro
xref-unknown-target-hint-3 = placez `[^{ $label }]` là où la note doit être appelée
xref-unknown-instrument = `{ $id }` ne figure pas dans legal.yaml
xref-unknown-instrument-hint = ajoutez le texte juridique à legal.yaml, à la racine du dossier des sources
xref-unknown-article = l’article `{ $a }` de `{ $id }` ne figure pas dans legal.yaml
xref-unknown-article-hint = articles connus pour `{ $id }` : { $known } ; ajoutez l’article une fois son numéro vérifié
parse-missing-alt = l’image n’a pas de texte de remplacement
parse-missing-alt-hint = décrivez l’image entre les crochets : `![Circuit de référencement](circuit.png)`
xref-remote-image = les images doivent être des fichiers du projet
xref-remote-image-hint = téléchargez l’image dans le dossier du document ; la compilation n’utilise jamais le réseau

## citations

cite-unknown-style = `{ $style_name }` n’est pas un style de citation connu de sopdoc
cite-unknown-style-hint = choisissez un style comme `{ $DEFAULT_STYLE }`, `apa`, `harvard-cite-them-right` ou `ieee`
cite-uncited = `{ $key }` figure dans la bibliographie mais aucun document ne le cite
cite-uncited-hint = citez-le avec `[@{ $key }]`, ou supprimez l’entrée
cite-no-list = le document cite des ouvrages mais n’imprime pas de liste de références
cite-no-list-hint = ajoutez un bloc délimité d’en-tête `bibliography` là où la liste doit paraître (un chapitre « Bibliographie »)

## PDF et fiches de rôle

pdf-typst = la vue d’ensemble de la collection ({ $lang }) n’a pas pu être mise en page : { $join }
cards-overview-split = la vue d’ensemble des procédures de `{ $doc }` ({ $lang }) occupe { $pages } pages : ses procédures ne tiennent pas sur une page avec un texte lisible
cards-overview-split-hint = enchaînez moins de procédures ou découpez la PSO ; la vue d’ensemble a été imprimée sur plusieurs pages reliées par des renvois
cards-too-long = la fiche de rôle de `{ $actor }` dans `{ $doc }` ({ $lang }) occupe { $pages } pages au lieu d’une
cards-too-long-hint = elle énumère { $steps ->
        [one] { $steps } étape
       *[other] { $steps } étapes
    } ; raccourcissez leurs actions ou leurs points `never:` (la fiche a été écrite sur { $pages } pages)
pdf-typst-2 = la fiche de rôle de `{ $actor }` dans `{ $doc }` ({ $lang }) n’a pas pu être mise en page : { $join }
pdf-page-limit = `{ $doc_id }` ({ $lang }) compte { $body_pages } pages de corps de texte, plus que sa limite `page_limit` de { $limit }
pdf-page-limit-hint = la couverture, la table des matières et les annexes ne comptent pas ; le PDF a été écrit pour que vous voyiez quoi couper
pdf-page-limit-2 = `{ $doc_id }` ({ $lang }) compte { $body_pages ->
        [one] { $body_pages } page
       *[other] { $body_pages } pages
    } de corps de texte, moins que son minimum `min_pages` de { $min }

## traduction

translate-state = impossible de lire { $path } comme du texte UTF-8
translate-state-hint = ce fichier est écrit par `sopdoc translate import` ; restaurez-le depuis le gestionnaire de versions, ou supprimez-le et importez de nouveau
translate-state-2 = la version { $version } du fichier d’état n’est pas prise en charge
translate-xliff-malformed = le segment `{ $u_id }` figure deux fois dans ce fichier
translate-unknown-unit = le segment `{ $u_id }` n’existe pas dans `{ $original }`
translate-unknown-unit-hint = les identifiants de segment viennent de la structure de la source ; exportez de nouveau après une modification de la source
translate-stale = la source du segment `{ $u_id }` a changé depuis l’export ; il est importé comme traduit à partir du texte exporté
translate-stale-note = le texte source actuel
translate-stale-hint = `sopdoc translate status` le signale comme périmé jusqu’à ce qu’il soit traduit de nouveau
translate-conflict = le segment `{ $u_id }` a été modifié dans la traduction depuis l’export ; l’import écraserait cette modification
translate-conflict-note = modifié ici
translate-conflict-hint = exportez de nouveau et reportez la modification dans l’outil de traduction, ou passez `--force` pour l’écraser
translate-structure = `{ $path }` n’a pas les mêmes blocs que sa source ; l’import le reconstruirait sur la structure de la source
translate-structure-hint = faites suivre à la traduction la structure de la source (mêmes titres, paragraphes, listes et tableaux), ou passez `--force` pour la reconstruire depuis la source
translate-structure-2 = le chapitre traduit n’a pas de `title:` sur une ligne dans son en-tête ; la traduction du titre n’est pas importée
translate-structure-hint-2 = ajoutez `title: "…"` à l’en-tête de la traduction et importez de nouveau
translate-broken-code = la traduction du segment `{ $unit_id }` ne peut pas s’écrire en Markdown avec les mêmes balises
translate-broken-code-hint = vérifiez que les balises par paires (mise en relief, liens) entourent du texte et ne sont pas coupées
translate-structure-3 = le chapitre traduit `{ $original }` n’aurait pas la structure de la source
translate-structure-hint-3 = une traduction a peut-être changé la nature d’un bloc (une ligne commençant par `#` ou `-`) ; signalez-le avec le fichier XLIFF
translate-stale-2 = la source `{ $src_lang }` de ce texte a changé depuis sa traduction (segment `{ $id }`)
translate-stale-hint-2 = `sopdoc translate export --lang { $lang } --doc { $doc_id }` le renvoie au traducteur
translate-xliff-malformed-hint = enregistrez le fichier en UTF-8 (dans les réglages d’export ou d’enregistrement de l’outil de traduction) et importez-le de nouveau
translate-not-imported = rien n’a été écrit : corrigez les erreurs ci-dessus et importez de nouveau
translate-wrong-language = la langue source du fichier XLIFF est `{ $xliff_lang }`, mais celle de ce projet est `{ $src_lang }`
translate-wrong-language-2 = la langue cible `{ $lang }` du fichier XLIFF n’est pas une langue cible de ce projet
translate-wrong-language-hint = langues cibles dans sopdoc.yaml : { $join }
translate-xliff-malformed-2 = `{ $original }` figure dans deux éléments `<file>`
translate-unknown-file = `{ $original }` n’est pas un chapitre source de ce projet
translate-unknown-file-hint = importez le fichier XLIFF dans le projet d’où il a été exporté ; les chapitres s’appellent `<document>/<langue source>/<fichier>.md`
translate-broken-code-2 = le segment `{ $u_id }` contient une balise `{ $md }` que sa source n’a pas
translate-broken-code-hint-2 = gardez les balises de la source ; les liens et les renvois se modifient dans le Markdown, pas dans l’outil de traduction
translate-footnote-text = le segment `{ $u_id }` contient la marque de note `[^{ $label }]` saisie comme texte ; le chapitre la lirait comme une note qui n’existe pas
translate-footnote-text-hint = les notes voyagent comme des codes : gardez le code de la source et supprimez la marque saisie
translate-xliff-malformed-hint-2 = ouvrez de nouveau le fichier dans l’outil de traduction et exportez-le, ou corrigez le XML à la main
translate-xliff-malformed-hint-3 = le fichier a été tronqué (téléchargement, copie ou enregistrement interrompu) : exportez-le de nouveau depuis l’outil de traduction, ou demandez au traducteur de le renvoyer
translate-xliff-control-hint = supprimez ce caractère dans l’outil de traduction (il y est invisible : cherchez un carré ou un blanc) et exportez de nouveau
translate-xliff-version-hint = exportez en XLIFF 2.0 ou 1.2 depuis l’outil de traduction
translate-broken-code-hint-3 = gardez les balises écrites par l’export
translate-broken-code-hint-4 = les balises représentent du Markdown (mise en relief, liens, renvois) : gardez chacune de celles de la source, et refermez ce que vous ouvrez
pdf-typst-3 = le document `{ $doc_id }` n’a pas de traduction `{ $lang }`

## projet (sopdoc.yaml, document.yaml)

meta-manifest = `languages` est vide
meta-manifest-hint = indiquez les langues, la langue source en premier : `languages: [fr, en]`
meta-manifest-2 = `{ $code }` n’est pas un code de langue
meta-manifest-hint-2 = utilisez des codes à deux lettres comme `fr` ou `en`
meta-manifest-3 = la langue `{ $code }` figure deux fois
meta-manifest-4 = le dossier de fichiers joints `{ $folder }` { $problem }
meta-manifest-hint-3 = indiquez un dossier de fichiers destinés à la publication, par exemple `assets: [images, formulaires]`
meta-manifest-5 = `{ $level }` n’est pas un niveau de gravité
meta-manifest-hint-4 = écrivez `{ $rule }: error`, `warning`, `info` ou `off`
meta-invalid-id = l’identifiant de document `{ $id }` n’est pas valide
meta-invalid-id-hint = un identifiant s’écrit en minuscules, chiffres et tirets simples, par exemple `sop-01`
meta-duplicate-id = l’identifiant de document `{ $id }` est employé deux fois
meta-duplicate-id-note = première occurrence ici
meta-duplicate-id-hint = donnez à chaque document son propre identifiant
meta-invalid-date = `{ $date }` n’est pas une date
meta-invalid-date-hint = écrivez les dates sous la forme AAAA-MM-JJ, par exemple `2026-11-28`
meta-version = la version `{ $version }` n’a pas la forme 1.2.3
meta-version-hint = écrivez MAJEURE.MINEURE.CORRECTIF, par exemple `0.3.0`
meta-invalid-date-2 = la date d’historique `{ $date }` n’est pas une date
meta-invalid-date-hint-2 = écrivez les dates sous la forme AAAA-MM-JJ
structure-empty-document = le document `{ $doc_id }` n’a aucun chapitre
structure-empty-document-hint = ajoutez un dossier de langue avec des chapitres Markdown, par exemple `fr/01-objet.md`
structure-empty-document-2 = le document `{ $doc_id }` n’a aucun chapitre en `{ $lang }`
structure-empty-document-hint-2 = ajoutez des fichiers Markdown dans `{ $folder }/{ $lang }/`
structure-empty-chapter = le chapitre `{ $file_name }` est vide
structure-empty-chapter-hint = écrivez son titre sous la forme `# Titre {"{"}#id{"}"}`, ou supprimez le fichier
translate-unmatched-file = `{ $file_name }` n’a pas d’équivalent dans la source `{ $lang }`
translate-unmatched-file-hint = une traduction reprend les noms de fichiers de la langue source
translate-missing-file = `{ $file_name }` n’est pas traduit en `{ $lang }`
translate-missing-file-hint = ajoutez `{ $folder }/{ $lang }/{ $file_name }`
parse-too-large-hint = découpez-le en plusieurs fichiers
parse-encoding = le fichier n’est pas en UTF-8
parse-encoding-hint = enregistrez le fichier en UTF-8 (dans la plupart des éditeurs : Fichier > Enregistrer avec l’encodage > UTF-8)
meta-missing-sources = le dossier des sources `{ $sources }` n’existe pas
meta-missing-sources-hint = créez-le, ou indiquez dans `sources:` le dossier qui contient vos documents
style-pack-hint = faites-en un fichier ordinaire et lisible, ou retirez-le de { $folder }/
privacy-sensitive-names-file = impossible de lire le fichier des noms sensibles `{ $path }` : { $e }
privacy-sensitive-names-file-hint = créez le fichier (un nom par ligne) ou retirez `sensitive_names`
spelling-word-list = cette liste de mots ne peut pas être lue : { $e }
spelling-word-list-hint = vérifiez les droits d’accès du fichier
meta-symlink = `{ $name }` est un lien symbolique et n’est pas lu
meta-symlink-hint = copiez le fichier ou le dossier dans le projet au lieu d’y faire un lien
meta-unknown-registry = `{ $other }` n’est pas un registre connu de sopdoc ; il est ignoré
meta-unknown-registry-hint = registres possibles : { $join }
meta-not-a-document = le dossier `{ $name }` n’a pas de document.yaml et il est ignoré
meta-not-a-document-hint = ajoutez un document.yaml (voir `sopdoc new`), ou nommez `assets` les dossiers de fichiers joints
meta-unknown-language = le dossier de langue `{ $name }` ne figure pas dans sopdoc.yaml et n’est pas compilé
meta-unknown-language-hint = ajoutez `{ $name }` à `languages:` dans sopdoc.yaml, ou renommez le dossier

## blocs procedure

procedure-invalid-id = l’identifiant de procédure `{ $id }` ne doit contenir que a-z, 0-9 et `-`
procedure-invalid-id-hint = écrivez `id: { $id }`
procedure-no-steps = la procédure n’a aucune étape
procedure-no-steps-hint = ajoutez `steps:` avec au moins un `- id: …` et son `action:`
procedure-invalid-id-2 = l’identifiant d’étape `{ $id }` ne doit contenir que a-z, 0-9 et `-`
procedure-missing-action = l’étape `{ $id }` ne dit ni ce qui est fait ni ce qui est décidé
procedure-missing-action-hint = ajoutez `action: …` (ou `decision: …` avec `branches:`)
procedure-conflicting-flow = l’étape `{ $this }` a à la fois `{ $given }` et `{ $given2 }` ; un dossier ne suit qu’un chemin
procedure-conflicting-flow-hint = gardez un seul de `next:`, `decision:` avec `branches:`, ou `exit:`
procedure-single-branch = la décision `{ $this }` a { $branches_count ->
        [one] { $branches_count } branche
       *[other] { $branches_count } branches
    } ; une décision en demande au moins deux
procedure-single-branch-hint = écrivez les réponses et leurs étapes : `branches: {"{"}oui: etape-a, non: etape-b{"}"}`, ou utilisez `next:` s’il n’y a pas de choix
procedure-branches-without-decision = l’étape `{ $this }` a des `branches` mais pas de `decision`
procedure-branches-without-decision-hint = ajoutez la question : `decision: La personne est-elle mineure ?`

## lecture du Markdown

parse-lazy-continuation = cette ligne est collée à l’élément de liste au-dessus : aucune ligne vide ne termine la liste
parse-lazy-continuation-hint = laissez une ligne vide avant ce paragraphe pour terminer la liste, ou mettez-le en retrait pour le garder dans l’élément
parse-too-large-hint-2 = découpez le chapitre en plusieurs fichiers
parse-nul-byte = le fichier contient un octet nul
parse-nul-byte-hint = retirez le caractère nul ; le fichier est peut-être abîmé, ou ce n’est pas un fichier texte
parse-too-deep = imbrication de plus de { $MAX_DEPTH } niveaux
parse-too-deep-hint = aplatissez les listes ou les citations ; les niveaux plus profonds sont imprimés comme du texte simple
parse-heading-attribute = l’attribut de titre `{ $key }` est ignoré
parse-heading-attribute-hint = les titres acceptent `#id`, `.classe` et `section=<section du modèle>` (par exemple `{"{"}#objet section=purpose{"}"}`)
parse-raw-html = le HTML brut est imprimé tel quel, comme du texte
parse-raw-html-hint = utilisez plutôt le Markdown (une ligne vide, **gras**, un tableau) ; les commentaires HTML sont permis
parse-orphan-caption = la légende de tableau n’est suivie d’aucun tableau
parse-orphan-caption-hint = placez la ligne `Tableau : …` (ou `Table : …`) juste au-dessus du tableau, séparée par une ligne vide

## renvois, structure, titres

xref-unreferenced-anchor = rien ne renvoie à `{ $id }`
xref-unreferenced-anchor-hint = renvoyez-y avec `[](#{ $id })` (ou `[]({ $doc_id }#{ $id })` depuis un autre document), ou désactivez la règle
structure-section-order = « { $i } » vient après « { $f } » ; la structure `{ $name }` la place avant
structure-section-order-hint = réordonnez les chapitres (leurs noms de fichiers fixent l’ordre)
structure-missing-section = il manque à `{ $doc_id }` { $count ->
        [one] une section requise
       *[other] { $count } sections requises
    } par la structure `{ $name }` : { $sections }
structure-missing-section-annex = ajoutez un chapitre d’annexe (en-tête `annex: true`)
structure-missing-section-chapter = ajoutez un chapitre `# { $title } {"{"}#{ $id }{"}"}`, ou marquez le titre qui la traite avec `{"{"}section={ $section }{"}"}`
structure-missing-section-hint = `structure: none` dans document.yaml désactive le modèle
structure-first-heading = le chapitre commence par un titre de niveau { $level }
structure-first-heading-hint = ouvrez chaque fichier de chapitre par son titre : `# Titre {"{"}#id{"}"}`
structure-heading-jump = le titre saute du niveau { $prev } au niveau { $level }
structure-heading-jump-hint = utilisez `{ $prev } ` ici, ou ajoutez le niveau manquant au-dessus

## données personnelles

privacy = { $kind ->
        [email] une adresse électronique
        [phone] un numéro de téléphone
        [id-number] un numéro de pièce d’identité
        [date-of-birth] une date de naissance
        [sensitive-name] un nom de la liste des noms sensibles
       *[other] { $what }
    } (`{ $shown }…`) ne doit pas figurer dans les sources d’une PSO
privacy-hint = remplacez-le par un texte de substitution (un code de dossier, `+223 XX XX XX XX`, `[NOM]`)
privacy-hint-2 = un contact institutionnel (numéro vert, adresse d’un service) se déclare dans `privacy.allow` de sopdoc.yaml

## faits à vérifier

content-to-verify = { $has_fact ->
        [no] un fait est signalé à vérifier
       *[yes] à vérifier : `{ $fact }`
    }{ $is_final ->
        [yes] { " " }(le document est définitif)
       *[no] {""}
    }
content-to-verify-hint = note : { $title }
content-to-verify-hint-2 = vérifiez-le dans le texte officiel, puis écrivez le fait sans `(verify:)`, ou retirez-le

## traductions

translate-not-translated = `{ $doc_id }` n’est pas encore traduit en `{ $lang }`
translate-not-translated-hint = `sopdoc translate export --lang { $lang } --doc { $doc_id }` prépare le texte pour les traducteurs
translate-missing-id = l’identifiant `{ $id }` de la source `{ $lang }` manque en `{ $lang2 }`
translate-missing-id-note = défini ici dans la source
translate-missing-id-hint = donnez le même identifiant au titre, tableau ou figure correspondant : `{"{"}#{ $id }{"}"}`
translate-missing-id-2 = l’identifiant `{ $id }` n’existe pas dans la source `{ $lang }`
translate-missing-id-hint-2 = une traduction reprend les identifiants de la source ; renommez-le ou ajoutez-le à la source

## examen par le comité

review-duplicate-number = le numéro de commentaire { $number } est employé deux fois
review-duplicate-number-note = première occurrence ici
review-duplicate-number-hint = numérotez les commentaires de la matrice 1, 2, 3, …
review-undisposed-hint = ajoutez `disposition: accepted` (ou partly-accepted, rejected, for-discussion) et une `response` ; un document définitif en exige une pour chaque commentaire
review-unknown-language = le document `{ $doc_id }` n’a pas de traduction `{ $lang }`
review-orphaned-comment = le commentaire { $number } porte sur le paragraphe { $reference }, que le texte actuel de `{ $doc_id }` ({ $lang }) n’a plus
review-orphaned-comment-hint = son texte ressemble maintenant au paragraphe `{ $best }` : corrigez `paragraph:` si c’est bien lui
review-orphaned-comment-hint-2 = les numéros de paragraphe sont imprimés dans la marge de `sopdoc build --review`

## YAML

yaml = YAML mal formé : une tabulation là où le YAML n’accepte que des espaces
yaml-hint = remplacez la tabulation par des espaces (le YAML ne met en retrait qu’avec des espaces ; réglez votre éditeur pour qu’il insère des espaces)


## Écrits à la main

review-undisposed = le commentaire { $number } ({ $institution }) n’a pas encore de suite donnée
procedure-translation-mismatch-steps = la procédure `{ $id }` compte { $here } étapes ici et { $source } dans la source
procedure-translation-mismatch-kind = l’étape { $number } est `{ $here }` ici et `{ $source }` dans la source
procedure-translation-mismatch-actors = l’étape `{ $id }` n’a pas les mêmes acteurs que dans la source
procedure-translation-mismatch-flow = l’étape `{ $id }` ne mène pas au même endroit que dans la source ({ $here } / { $source })
procedure-translation-mismatch-outputs = l’étape `{ $id }` n’a pas les mêmes produits ou formulaires que dans la source
procedure-translation-mismatch-never = l’étape `{ $id }` a { $here } points `never:` ici et { $source } dans la source
style-pack = règles `{ $name }` : { $problem }
style-pack-format = le format des fichiers de règles est décrit dans styles/rules/README.md
meta-unknown-rule-list = `sopdoc rules` liste tous les identifiants de règle
meta-unknown-rule-comment = `{ $id }`, dans un commentaire sopdoc-disable, ne désigne aucune règle
meta-unknown-rule-errors = `{ $id }` signale des erreurs, qu’un commentaire ne peut pas faire taire
meta-unknown-rule-errors-hint = corrigez ce qu’elle signale ; un projet peut l’abaisser dans `rules:` de sopdoc.yaml
meta-unknown-rule-override = `{ $id }`, dans `rules:`, ne désigne aucune règle
spelling-word-list-language = `{ $name }` est la liste de mots de `{ $lang }`, qui n’est pas une langue du projet
spelling-word-list-language-hint = nommez-la d’après une langue de `languages:` (words.{ $lang }.txt), ou words.txt pour toutes les langues
spelling-word-list-phrase = `{ $entry }` n’est pas un seul mot : l’orthographe se vérifie mot par mot
spelling-word-list-phrase-hint = écrivez chaque mot du nom sur sa propre ligne
meta-empty-file = le fichier est vide
meta-empty-file-hint = écrivez au moins les clés obligatoires ; `sopdoc init` montre un exemple
meta-document-empty = document.yaml est vide
meta-document-empty-hint = clés obligatoires : id, kind, title, version, status, date

## Fichiers XLIFF lus par `translate import`

xliff-not-xml = le fichier XLIFF n’est pas du XML bien formé à cet endroit (balise mal fermée, caractère interdit ou fichier tronqué)
xliff-unknown-entity = entité inconnue `&{ $name };`
xliff-no-root = le fichier n’a pas d’élément `<xliff>`
xliff-cut-short = le fichier XLIFF s’arrête avant la fin de `<{ $element }>` (ouvert à la ligne { $line }) : le fichier est tronqué
xliff-no-id = `<{ $element }>` sans attribut `id`
xliff-wrong-root = l’élément racine est `<{ $element }>`, et non `<xliff>`
xliff-mixed-languages = les fichiers de ce XLIFF indiquent des langues différentes
xliff-unknown-code = `<{ $element }>` n’est pas une balise de mise en forme que sopdoc sait lire à cet endroit
xliff-unit-outside-file = un segment hors de tout élément `<file>`
xliff-code-no-markdown = la balise `{ $id }` ne correspond à aucun Markdown (référence de données inconnue)
xliff-code-closed-unopened = la balise `{ $id }` est fermée sans avoir été ouverte, ou dans le désordre
xliff-code-never-closed = la balise `{ $id }` est ouverte et jamais fermée
xliff-utf16 = le fichier est enregistré en UTF-16 ; sopdoc lit les fichiers XLIFF en UTF-8
xliff-declared-encoding = le fichier déclare l’encodage `{ $name }` ; sopdoc ne lit les fichiers XLIFF qu’en UTF-8
xliff-not-utf8 = le fichier n’est pas de l’UTF-8 valide (octet { $byte } à cet endroit) : il a été enregistré dans un autre encodage

## Autres vérifications

procedure-unknown-step-hint = indiquez l’`id` d’une étape de cette procédure
parse-too-large = le fichier fait { $size } Mio, plus que la limite de 4 Mio
parse-chapter-too-large = le fichier du chapitre fait { $size } Mio, plus que la limite de 4 Mio
xliff-version = la version { $version } de XLIFF n’est pas prise en charge
xliff-no-version = le fichier n’indique pas sa version de XLIFF
xliff-control-character = un caractère de contrôle invisible n’est permis ni dans le texte XML 1.0 ni dans un chapitre
xliff-code-no-closing-markdown = la balise `{ $id }` n’a pas de Markdown de fermeture (référence de données inconnue)
