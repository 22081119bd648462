# Ce que sopdoc dit autour des diagnostics : bilans, étiquettes, lignes d’état, rapports.
# Mêmes clés et mêmes variables que locales/en/interface.ftl (un test le vérifie).
# Les nombres choisissent le pluriel : en français, 0 et 1 sont au singulier.
#
# Typographie française, dans tout texte montré à l’utilisateur : l’apostrophe ’ (jamais '),
# une espace insécable (U+00A0) avant « : » et à l’intérieur des guillemets « … », une
# espace fine insécable (U+202F) avant « ; », « ? » et « ! » (la convention des règles typo/fr).
# Ces espaces sont invisibles : copiez-les d’un texte voisin.
# Un texte qui commence par « ; » s’écrit {"\u202F"}; (Fluent supprime les espaces en tête
# d’une valeur). Le code entre accents graves (`…`) et les { $variables } ne changent pas ;
# un test (src/i18n/typography.rs) signale toute apostrophe droite ou espace ordinaire.

## Diagnostics dans le terminal

label-hint = = conseil :
label-fix = = correction :
summary-line = { $errors ->
        [one] { $errors } erreur
       *[other] { $errors } erreurs
    }, { $warnings ->
        [one] { $warnings } avertissement
       *[other] { $warnings } avertissements
    }, { $infos ->
        [one] { $infos } remarque
       *[other] { $infos } remarques
    }
check-infos-hidden = (`sopdoc check` affiche les remarques)
diagnostics-and-more = … et { $count } de plus
did-you-mean = vouliez-vous dire `{ $candidate }` ?
did-you-mean-two = vouliez-vous dire `{ $first }` ou `{ $second }` ?

## Ce que fait une correction automatique

fix-replace-with = remplacer par `{ $text }`
fix-no-change = aucun changement
fix-insert = insérer { $what }{ $place }
fix-remove = supprimer { $what }{ $place }
fix-replace = remplacer { $old } par { $new }{ $place }
fix-before = { " " }devant `{ $char }`
fix-and = { " " }et{ " " }
char-narrow-nbsp = une espace fine insécable
char-nbsp = une espace insécable
char-thin-space = une espace fine
char-zero-width-space = une espace sans largeur
char-tab = une tabulation
mark-narrow-nbsp = <espace fine insécable>
mark-nbsp = <espace insécable>
mark-thin-space = <espace fine>
mark-zero-width-space = <espace sans largeur>
char-spaces = { $count ->
        [one] une espace
       *[other] { $count } espaces
    }
fix-legend = <espace fine insécable>, <espace insécable>
fix-fixed-file = corrigé : { $file }
fix-legend-line = (les caractères invisibles sont écrits en toutes lettres : { $legend })
rules-unknown-id = aucune règle n’a l’identifiant `{ $id }`

## watch et serve

serve-overlay-head = { $count ->
        [one] { $count } erreur
       *[other] { $count } erreurs
    } au dernier enregistrement ; cette page montre la dernière version correcte.
watch-watching = surveillance de { $root } (Ctrl-C pour arrêter)
watch-stopped = arrêté
serve-public = attention : site servi sur { $ip } : les autres machines du réseau peuvent le lire (projets compris)
serve-serving = site servi sur { $url } (Ctrl-C pour arrêter)
watch-kept-previous = rien n’a été écrit, la dernière version correcte reste en place
watch-whole-site = tout le site
watch-site-pages = pages du site
watch-written = html : { $docs }, { $written ->
        [one] { $written } fichier écrit
       *[other] { $written } fichiers écrits
    }
watch-removed = , { $removed ->
        [one] { $removed } supprimé
       *[other] { $removed } supprimés
    }
watch-pdf-queued = {"\u202F"}; { $count ->
        [one] { $count } PDF à suivre
       *[other] { $count } PDF à suivre
    }
watch-initial-build = première compilation
watch-cycle = { $clock } { $trigger } → { $what } en { $ms } ms ; { $errors ->
        [one] { $errors } erreur
       *[other] { $errors } erreurs
    }, { $warnings ->
        [one] { $warnings } avertissement
       *[other] { $warnings } avertissements
    }
watch-unchanged = { " " }({ $count ->
        [one] { $count } inchangé, non répété
       *[other] { $count } inchangés, non répétés
    })
watch-fixed = {"\u202F"}; { $count ->
        [one] { $count } corrigé
       *[other] { $count } corrigés
    }
watch-pdf-written = { $clock } pdf : { $file }, { $pages } pages en { $ms } ms
watch-pdf-not-written = { $clock } pdf : { $file } non écrit

## rules et explain

rules-no-rule-in = aucune règle dans `{ $area }` ; domaines : { $areas }
explain-every-language = toutes les langues
explain-source-not-given = non indiquée
explain-pack = Règles de style `{ $pack }`, pour les chapitres en { $languages }.
    Source : { $source } ({ $confidence ->
        [iom] règle de l’OIM
        [un] règle des Nations Unies
        [iom-second-hand] règle de l’OIM, connue de seconde main
        [gen-en] usage général de l’anglais
        [gen-fr] usage général du français
        [synth] synthèse de plusieurs guides
       *[other] règle non vérifiée
    }).
explain-fixable = `sopdoc check --fix` applique sa suggestion.

## translate

status-document = document
status-lang = langue
status-units = segments
status-translated = traduits
status-stale = périmés
status-missing = manquants
status-untracked = non suivis
status-edited = modifiés
status-new-words = mots nouveaux
status-changed-words = mots modifiés
translate-termbase-written = écrit : { $path } ({ $terms } termes, { $acronyms } sigles ; { $untranslated } sans texte en `{ $lang }`)
translate-export-written = écrit : { $path } ({ $units } segments, { $translated } traduits, { $words } mots à traduire)
translate-imported = { $file } : { $translated ->
        [one] { $translated } segment traduit
       *[other] { $translated } segments traduits
    }, { $changed ->
        [one] { $changed } modifié
       *[other] { $changed } modifiés
    } ; { $dry_run ->
        [yes] écrirait
       *[no] écrit
    } { $written ->
        [0] rien (aucun changement)
       *[other] { $files }
    }

## build

build-progress = compilation
build-waiting = une autre commande sopdoc construit ou modifie ce projet : attente de sa fin ({ $lock })
build-elsewhere = { $problems ->
        [one] { $problems } problème
       *[other] { $problems } problèmes
    } ({ $errors ->
        [one] { $errors } erreur
       *[other] { $errors } erreurs
    }) dans des documents ou des langues non compilés cette fois : `sopdoc check` les liste
build-nothing-written = rien n’a été écrit : corrigez d’abord les erreurs ci-dessus
build-held-back = { $doc } ({ $lang }) n’a pas été écrit : corrigez d’abord ses erreurs ci-dessus
build-html = html : { $files ->
        [one] { $files } fichier
       *[other] { $files } fichiers
    } dans { $folder } ({ $written ->
        [one] { $written } écrit
       *[other] { $written } écrits
    }, { $removed ->
        [one] { $removed } supprimé
       *[other] { $removed } supprimés
    })
build-pdf = pdf : { $files ->
        [one] { $files } fichier
       *[other] { $files } fichiers
    }, { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    } dans { $folder }
build-typst = typst : sources de { $files ->
        [one] { $files } document
       *[other] { $files } documents
    } dans { $folder }
build-docx = docx : { $files ->
        [one] { $files } fichier
       *[other] { $files } fichiers
    } dans { $folder }
build-cards = fiches : { $files ->
        [one] { $files } fiche de rôle
       *[other] { $files } fiches de rôle
    }, { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    } dans { $folder }
build-done = terminé en { $seconds } s

## sopdoc lsp (the editor's menus and notices)
lsp-anchor-kind = { $kind ->
    [chapter] chapitre
    [section] section
    [annex] annexe
    [annex-section] section d’annexe
    [table] tableau
    [figure] figure
    [procedure] procédure
    [step] étape
   *[footnote] note
}
lsp-step-of = étape { $number } de la procédure { $procedure }
lsp-articles = Articles : { $list }
lsp-add-word = Ajouter `{ $word }` à { $file }
lsp-fix-all = Corriger dans ce fichier tout ce que sopdoc sait corriger ({ $count ->
    [one] { $count } correction
   *[other] { $count } corrections
})
lsp-no-project = sopdoc : aucun sopdoc.yaml dans le dossier de travail ni au-dessus ; ouvrez le dossier du projet pour voir les diagnostics
lsp-word-added = sopdoc : `{ $word }` ajouté à { $file }
lsp-rename-xliff = sopdoc : renommé. Les fichiers XLIFF exportés avant ce renommage ne s’importeront plus (translate/unknown-unit) : exportez-les de nouveau pour les traducteurs qui y travaillent encore

## Erreurs d’environnement (après « erreur : », avec un conseil après « conseil : »)

error-label = erreur :
hint-label = conseil :
error-no-project = aucun sopdoc.yaml dans { $start } ni dans ses dossiers parents
error-no-project-hint = lancez `sopdoc init DOSSIER` pour créer un projet, ou indiquez `--project DOSSIER`
error-read = impossible de lire { $path } : { $reason }
error-write = impossible d’écrire { $path } : { $reason }
error-write-hint = vérifiez les droits du dossier, ou choisissez-en un autre avec `--out DOSSIER`
error-not-empty = { $path } existe déjà et n’est pas vide
error-locked = une autre compilation sopdoc est en cours dans ce projet (verrou { $path })
error-locked-hint = attendez la fin de l’autre compilation
error-template = erreur de gabarit : { $detail }
error-watch = impossible de surveiller { $path } : { $detail }
error-watch-hint = sous Linux, augmentez fs.inotify.max_user_watches si le projet a beaucoup de dossiers
error-listen = impossible d’écouter sur { $addr } : { $reason }
error-listen-hint = choisissez un autre port avec `--port N` (`--port 0` en prend un libre)
error-docx = document Word : { $detail }
error-foreign-files = { $path } contient { $count ->
        [one] un fichier
       *[other] { $count } fichiers
    } que sopdoc n’a pas écrits : { $examples }{ $more ->
        [0] {""}
       *[other] { " " }et { $more } de plus
    }
error-foreign-files-hint = choisissez un dossier nouveau ou vide avec `--out DOSSIER`, ou déplacez ces fichiers ; sopdoc ne supprime et ne remplace que les fichiers qu’il a écrits lui-même
error-symlink = { $path } est un lien symbolique ; sopdoc n’écrit, ne renomme et ne supprime jamais à travers un lien qu’il n’a pas créé
error-symlink-hint = remplacez le lien par un vrai dossier, ou indiquez directement sa cible (par exemple `--out DOSSIER`)
io-not-found = fichier ou dossier introuvable
io-permission-denied = accès refusé
io-already-exists = il existe déjà
io-is-a-directory = c’est un dossier, pas un fichier
io-not-a-directory = une partie du chemin est un fichier, pas un dossier
io-directory-not-empty = le dossier n’est pas vide
io-read-only = le disque est en lecture seule
io-storage-full = le disque est plein
io-invalid-data = le contenu n’est pas du texte valide (UTF-8)
io-addr-in-use = l’adresse est déjà utilisée
io-addr-not-available = l’adresse n’existe pas sur cette machine

## Demandes impossibles à satisfaire (après « erreur : »)

usage-init-lang = sopdoc init a un exemple en `fr` et en `en`, pas en `{ $lang }`
usage-invalid-id = `{ $id }` n’est pas un identifiant de document valide : utilisez des minuscules, des chiffres et des traits d’union simples, par exemple `sop-05`
usage-unknown-doc = aucun document n’a l’identifiant `{ $id }`
usage-documents = documents : { $documents }
usage-unknown-lang = `{ $lang }` n’est pas une langue de ce projet ({ $languages })
usage-no-document = aucun document `{ $id }` dans ce projet (documents : { $documents })
usage-source-language = `{ $lang }` est la langue source ; indiquez une langue cible (parmi : { $targets })
usage-not-a-language = `{ $lang }` n’est pas une langue de ce projet (sopdoc.yaml indique : { $languages })
cli-manifest-unreadable = le fichier sopdoc.yaml du projet ne se lit pas ; lancez `sopdoc check`
cli-wrote = écrit : { $path }
fix-changed-meanwhile = { $file } a changé depuis la vérification ; relancez la commande

## init, new, schema

init-created = { $dir } créé avec { $files ->
        [one] { $files } fichier
       *[other] { $files } fichiers
    }
init-next = ensuite : cd { $dir } && sopdoc build
new-created = { $id } créé ({ $files ->
        [one] { $files } fichier
       *[other] { $files } fichiers
    })
schema-modeline-added = ligne de schéma ajoutée à { $path }
schema-up-to-date = les schémas et les lignes de schéma sont à jour

## Copies de relecture Word (build --format docx, review import)

docx-no-translation = le document `{ $doc }` n’a pas de traduction en `{ $lang }`
docx-writer-failed = l’écriture du document Word a échoué
docx-corrupt = le fichier est endommagé (le lecteur de documents Word a abandonné)
docx-unreadable = ce n’est pas un document Word lisible (fichier endommagé, ou enregistré dans un autre format que .docx)
docx-not-sopdoc = ce document Word n’a pas été produit par `sopdoc build --format docx` (il n’a pas de propriété sopdoc-source)
docx-bad-source-property = propriété sopdoc-source mal formée `{ $value }` : elle doit valoir `document/langue`, deux noms simples
docx-part-too-large = la partie `{ $part }` du fichier Word dépasse { $part_limit } Mio une fois décompressée ; une copie de relecture en fait quelques-uns, ce fichier est donc endommagé ou conçu pour saturer la mémoire (limites : { $part_limit } Mio par partie, { $limit } Mio en tout). Rien n’a été importé.
docx-too-large = le fichier Word dépasse { $limit } Mio une fois décompressé ; une copie de relecture en fait quelques-uns, ce fichier est donc endommagé ou conçu pour saturer la mémoire (limites : { $part_limit } Mio par partie, { $limit } Mio en tout). Rien n’a été importé.
docx-part-damaged = la partie `{ $part }` du fichier Word est endommagée (elle ne se décompresse pas entièrement ou sa somme de contrôle ne correspond pas) : le fichier a été tronqué ou altéré en chemin ; demandez-le de nouveau. Rien n’a été importé.
review-comment-too-long = le commentaire { $number } du fichier Word (de { $author }, sur le paragraphe { $paragraph }) fait { $size }, plus que les { $limit } ko d’une entrée de la matrice : raccourcissez-le dans Word, ou joignez plutôt le texte long à la relecture
review-matrix-too-large = { $path } ferait { $size }, plus que les { $limit } Mio que sopdoc lit dans un fichier : importez les commentaires en plusieurs tours de relecture, ou clôturez et archivez d’abord les anciens
review-matrix-too-many = { $path } contiendrait { $expected } commentaires, plus qu’un fichier de matrice n’en contient (environ 7 000) : archivez d’abord les commentaires clos, ou scindez la relecture
review-matrix-unreadable = { $path } ne se relirait pas avec ses { $expected } commentaires ({ $detail })
review-matrix-lost = { $path } ne garderait pas ses commentaires ({ $read } relus au lieu de { $expected })
review-unknown-document = { $file } est une copie de relecture de `{ $doc }`, que ce projet n’a pas
review-fix-matrix-first = corrigez d’abord la matrice des commentaires : rien n’a été importé
review-nothing-imported = Rien n’a été importé.
review-imported = { $added ->
        [one] { $added } commentaire
       *[other] { $added } commentaires
    } de { $doc } ({ $lang }) { $added ->
        [one] ajouté
       *[other] ajoutés
    } à { $file }{ $skipped ->
        [0] {""}
        [one] { " " }({ $skipped } déjà dans la matrice)
       *[other] { " " }({ $skipped } déjà dans la matrice)
    }

## diff (lignes d’état et erreurs ; le rapport lui-même parle la langue des documents)

diff-cannot-load = comparaison impossible : le projet `{ $label }` ne peut pas être chargé
diff-pdf-failed = le PDF des modifications n’a pas pu être mis en page : { $detail }
diff-not-a-version = `{ $spec }` n’est pas un dossier, et { $folder } n’est dans aucun dépôt git
usage-join = {"\u202F; "}
diff-not-a-version-hint = indiquez deux dossiers de projet, ou deux révisions (`HEAD~1 HEAD`, étiquettes, branches) dans un dépôt git
diff-bad-revision = impossible de lire la révision `{ $spec }` : { $detail }
diff-bad-revision-hint = la liste des révisions s’obtient avec `git log --oneline` ; les étiquettes et les branches conviennent aussi
diff-git = impossible de lire le dépôt git : { $detail }
diff-no-project-at-revision = la révision `{ $spec }` n’a pas de sopdoc.yaml dans `{ $path }`
diff-unknown-document = aucun document `{ $doc }` dans l’une ou l’autre version
diff-unknown-document-hint = vérifiez `--doc` par rapport aux identifiants des documents
serve-not-found = Page introuvable
serve-not-found-text = Rien n’est encore construit à cette adresse. La page se recharge dès qu’une compilation l’écrit.

## --help : les en-têtes que clap ne permet pas de traduire autrement (les textes sont dans help.ftl)

help-usage = Utilisation :
help-commands = Commandes
help-command = COMMANDE
help-values = valeurs :
help-default = par défaut :
