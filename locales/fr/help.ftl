# Les textes de `sopdoc --help` en français : mêmes clés que locales/en/help.ftl (écrit à
# partir des commentaires de src/cli/args.rs). Un test vérifie qu’aucune clé ne manque.
#
# Typographie française, dans tout texte montré à l’utilisateur : l’apostrophe ’ (jamais '),
# une espace insécable (U+00A0) avant « : » et à l’intérieur des guillemets « … », une
# espace fine insécable (U+202F) avant « ; », « ? » et « ! » (la convention des règles typo/fr).
# Ces espaces sont invisibles : copiez-les d’un texte voisin.
# Un texte qui commence par « ; » s’écrit {"\u202F"}; (Fluent supprime les espaces en tête
# d’une valeur). Le code entre accents graves (`…`) et les { $variables } ne changent pas ;
# un test (src/i18n/typography.rs) signale toute apostrophe droite ou espace ordinaire.

## sopdoc

cmd = Transforme des procédures opérationnelles standard écrites en Markdown structuré en PDF et en HTML prêts à publier

cmd-after =
    Codes de sortie : 0 succès (avertissements permis), 1 erreurs dans le contenu, 2 erreurs d’utilisation ou d’environnement.

    Exemples :
      sopdoc init mes-pso          créer un projet
      sopdoc check                 signaler tous les problèmes du projet
      sopdoc build                 écrire build/html et build/pdf

arg-project = Dossier du projet (par défaut : le plus proche dossier contenant sopdoc.yaml, en remontant depuis le dossier courant)

arg-quiet = N’afficher que les diagnostics : ni progression ni bilan

arg-color = Quand utiliser la couleur (NO_COLOR est respecté avec `auto`)

arg-ui_lang = La langue dans laquelle sopdoc s’exprime (par défaut : SOPDOC_LANG, sinon la langue du système)

arg-help = Afficher l’aide

arg-version = Afficher la version

cmd-help = Afficher cette aide, ou l’aide des commandes indiquées

## build

cmd-build = Construire le site HTML et les PDF dans le dossier de sortie

cmd-build-after =
    Exemples :
      sopdoc build                          HTML et PDF de tous les documents
      sopdoc build --format html --doc sop-01 --lang fr
      sopdoc build --pdf-standard a-2b      PDF/A-2b pour l’archivage

arg-build-format = Formats à construire, séparés par des virgules : html, pdf, typst, docx (une copie de relecture Word), cards (fiches de rôle, une page A4 par acteur et par PSO)

arg-build-review = Construire plutôt des copies de relecture, dans `<sortie>/review/` : chaque paragraphe, élément de liste, tableau et étape de procédure numéroté dans la marge, marqué « PROJET — pour commentaires »

arg-build-docs = Seulement ces documents (option répétable)

arg-build-langs = Seulement ces langues (option répétable)

arg-build-out = Dossier de sortie (par défaut : `output` de sopdoc.yaml, en général `build`). Un autre dossier doit être nouveau, vide, ou déjà rempli par sopdoc

arg-build-pdf_standard = Norme PDF : `a-2b` (archivage, PDF/A-2b), `ua-1` (accessibilité, PDF/UA-1), ou les deux dans un même fichier (`a-2b+ua-1`)

## check

cmd-check = Vérifier le projet et signaler chaque problème à son fichier:ligne:colonne

cmd-check-after =
    Exemples :
      sopdoc check
      sopdoc check --format short
      sopdoc check --format json > diagnostics.json
      sopdoc check --fix --dry-run     montrer les corrections automatiques sous forme de différences

arg-check-format = Format de sortie : `human` (messages avec la ligne source soulignée), `short` (une ligne `fichier:ligne:col: gravité[règle]: message` par problème), `json`, `sarif`

arg-check-deny_warnings = Traiter les avertissements comme des erreurs (code de sortie 1 s’il y en a)

arg-check-fix = Appliquer les corrections automatiques aux sources

arg-check-dry_run = Avec --fix : afficher les changements sous forme de différences au lieu de les écrire

## init et new

cmd-init = Créer un nouveau projet avec le squelette d’une PSO en français

cmd-init-after =
    Exemple :
      sopdoc init mes-pso && cd mes-pso && sopdoc build

arg-init-dir = Dossier à créer (absent ou vide)

arg-init-lang = Langue source du projet et de sa PSO d’exemple (ajoutez d’autres langues à `languages:` dans sopdoc.yaml pour traduire)

cmd-new = Ajouter le squelette d’un document au projet

cmd-new-after =
    Exemples :
      sopdoc new sop-05 --kind sop
      sopdoc new revue --kind desk-review

arg-new-id = Identifiant du nouveau document (`sop-05`) : minuscules, chiffres, traits d’union

arg-new-kind = Ce qu’est le document : `sop` (procédure opérationnelle standard), `desk-review` (revue documentaire), `report` (rapport)

## watch et serve

cmd-watch = Construire, puis reconstruire ce que change chaque enregistrement (le HTML d’abord, puis le PDF), jusqu’à Ctrl-C

cmd-watch-after =
    Exemples :
      sopdoc watch
      sopdoc watch --no-pdf

arg-watch-no_pdf = Ne pas produire les PDF (seulement le site HTML)

arg-watch-out = Dossier de sortie (par défaut : `output` de sopdoc.yaml, en général `build`)

cmd-serve = Construire, surveiller et servir le site sur 127.0.0.1 avec rechargement automatique, jusqu’à Ctrl-C

cmd-serve-after =
    Exemples :
      sopdoc serve                  http://127.0.0.1:3000/ (ou le port libre suivant)
      sopdoc serve --port 0         n’importe quel port libre
      sopdoc serve --host 0.0.0.0   visible depuis le réseau

arg-serve-port = Port d’écoute (le port libre suivant est pris s’il est occupé ; 0 laisse le système choisir)

arg-serve-host = Adresse d’écoute. Seulement l’adresse locale si rien n’est indiqué : une autre adresse rend l’aperçu visible depuis le réseau

arg-serve-no_pdf = Ne pas produire les PDF (seulement le site HTML)

arg-serve-out = Dossier de sortie (par défaut : `output` de sopdoc.yaml, en général `build`)

## lsp

cmd-lsp = Lancer le serveur de langage pour les éditeurs sur l’entrée et la sortie standard (diagnostics pendant la frappe, aller à la définition, survol, complétion)

cmd-lsp-after =
    Lancé par l’éditeur, pas à la main ; voir la section « Editor » du README.
    Le projet est celui du dossier de travail (ou du plus proche dossier parent contenant sopdoc.yaml).

## diff

cmd-diff = Comparer deux versions du projet (révisions git ou dossiers), section par section

cmd-diff-after =
    Exemples :
      sopdoc diff HEAD~1 HEAD                  ce qu’a changé la dernière validation
      sopdoc diff v0.2 HEAD --format html      une page des modifications dans build/diff/diff.html
      sopdoc diff ancien/ nouveau/ --format json --doc sop-01 --lang fr

arg-diff-old = Ancienne version : une révision git du dépôt du projet (`v0.2`, `HEAD~1`) ou un dossier de projet

arg-diff-new = Nouvelle version : une révision git ou un dossier de projet

arg-diff-format = Format de sortie : `text` (texte coloré dans le terminal), `json` (pour les outils), `html` ou `pdf` (les modifications surlignées, écrites dans un fichier)

arg-diff-docs = Seulement ces documents (par défaut : tous)

arg-diff-langs = Seulement ces langues (par défaut : toutes ; une seule langue donne aussi la langue du rapport)

arg-diff-out = Fichier pour `--format html|pdf` (par défaut : `build/diff/diff.html` ou `.pdf` dans le projet)

## translate

cmd-translate = Exporter le texte pour les traducteurs en XLIFF, importer les traductions, signaler celles qui sont périmées

cmd-translate-after =
    Exemples :
      sopdoc translate export --lang en
      sopdoc translate import xliff/sop-01.en.xlf
      sopdoc translate status --deny-stale

cmd-translate-export = Écrire un fichier XLIFF par document pour une langue cible (les traductions existantes remplissent les cibles)

cmd-translate-export-after =
    Exemples :
      sopdoc translate export --lang en
      sopdoc translate export --lang en --doc sop-01 --xliff 1.2 --out pour-traduction

arg-translate-export-lang = Langue cible

arg-translate-export-docs = Seulement ces documents (par défaut : tous)

arg-translate-export-xliff = Version de XLIFF : `2.0`, ou `1.2` pour les outils de traduction plus anciens

arg-translate-export-out = Dossier des fichiers XLIFF (par défaut : `xliff/` dans le projet)

cmd-translate-import = Écrire les chapitres Markdown traduits à partir des fichiers XLIFF rendus par le traducteur

cmd-translate-import-after =
    Exemple :
      sopdoc translate import xliff/sop-01.en.xlf

arg-translate-import-files = Fichiers XLIFF (2.0 ou 1.2)

arg-translate-import-force = Écraser les traductions modifiées à la main depuis l’export, et reconstruire les traductions dont la structure ne suit plus la source

arg-translate-import-dry_run = Vérifier les fichiers et faire le bilan, sans rien écrire

cmd-translate-status = Faire le bilan des segments traduits, périmés et manquants par document et par langue

cmd-translate-status-after =
    Exemples :
      sopdoc translate status
      sopdoc translate status --lang en --format json --deny-stale

arg-translate-status-lang = Seulement cette langue (par défaut : toutes les langues cibles)

arg-translate-status-docs = Seulement ces documents (par défaut : tous)

arg-translate-status-format = Format de sortie : `text` (un tableau) ou `json`

arg-translate-status-deny_stale = Code de sortie 1 si un segment est périmé ou manquant (pour l’intégration continue)

cmd-translate-termbase = Écrire le glossaire et les sigles dans une base terminologique TBX pour l’outil de traduction

cmd-translate-termbase-after =
    Exemple :
      sopdoc translate termbase --lang en

arg-translate-termbase-lang = Langue cible

arg-translate-termbase-out = Dossier du fichier TBX (par défaut : `xliff/` dans le projet)

## review

cmd-review = Importer les commentaires du comité d’une copie de relecture Word dans la matrice des commentaires

cmd-review-after =
    Exemple :
      sopdoc build --format docx --doc sop-01
      sopdoc review import sop-01-fr-commentaires.docx --institution "Ministère de la Justice"

cmd-review-import = Ajouter les commentaires d’une copie de relecture Word (`build --format docx`) à la matrice des commentaires du document (`<document>/comments.yaml`)

arg-review-import-file = Le fichier Word avec les commentaires des membres

arg-review-import-institution = L’institution des relecteurs, inscrite dans chaque commentaire importé

## rules, explain, schema, completions

cmd-rules = Lister les règles que sopdoc vérifie : le catalogue et les règles de style

cmd-rules-after =
    Exemples :
      sopdoc rules                 toutes les règles, avec leur niveau et ce qu’elles vérifient
      sopdoc rules xref            les règles d’un domaine
      sopdoc rules typo/fr         les règles d’un jeu de règles de style

arg-rules-area = Seulement les règles de ce domaine ou de ce jeu (`xref`, `typo/fr`, `style/iom-en`)

cmd-explain = Expliquer une règle : ce qu’elle vérifie, pourquoi, et comment corriger ce qu’elle signale

cmd-explain-after =
    Exemple :
      sopdoc explain xref/unknown-target

arg-explain-rule = L’identifiant de la règle, tel qu’affiché entre crochets : `xref/unknown-target`

cmd-schema = Afficher le schéma JSON d’un fichier YAML du projet, ou les écrire tous pour les éditeurs

cmd-schema-after =
    Exemples :
      sopdoc schema                 lister les schémas et les fichiers qu’ils décrivent
      sopdoc schema document        afficher le schéma de document.yaml
      sopdoc schema --write         écrire schemas/ et une ligne `# yaml-language-server` dans chaque fichier YAML

arg-schema-name = Le schéma à afficher ; sans nom, les schémas sont listés

arg-schema-write = Écrire chaque schéma dans le dossier `schemas/` du projet et donner à chaque fichier YAML une première ligne `# yaml-language-server: $schema=…` (les fichiers déjà à jour ne sont pas touchés)

cmd-completions = Afficher un script de complétion pour le shell

cmd-completions-after =
    Exemple :
      sopdoc completions bash > ~/.local/share/bash-completion/completions/sopdoc

arg-completions-shell = Le shell
