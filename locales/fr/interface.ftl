# Ce que sopdoc dit autour des diagnostics : bilans, étiquettes, lignes d'état, rapports.
# Mêmes clés et mêmes variables que locales/en/interface.ftl (un test le vérifie).
# Les nombres choisissent le pluriel : en français, 0 et 1 sont au singulier.

## Diagnostics dans le terminal

label-hint = = conseil :
label-fix = = correction :
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
did-you-mean = vouliez-vous dire `{ $candidate }` ?
did-you-mean-two = vouliez-vous dire `{ $first }` ou `{ $second }` ?

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
char-spaces = { $count ->
        [one] une espace
       *[other] { $count } espaces
    }
fix-legend = <U+202F> espace fine insécable, <U+00A0> espace insécable
fix-fixed-file = corrigé : { $file }
fix-legend-line = (caractères invisibles affichés ainsi : { $legend })
rules-unknown-id = aucune règle n'a l'identifiant `{ $id }`

## watch et serve

serve-overlay-head = { $count ->
        [one] { $count } erreur
       *[other] { $count } erreurs
    } au dernier enregistrement ; cette page montre la dernière version correcte.
watch-watching = surveillance de { $root } (Ctrl-C pour arrêter)
watch-stopped = arrêté
serve-public = attention : site servi sur { $ip } : les autres machines du réseau peuvent le lire (projets compris)
serve-serving = site servi sur { $url } (Ctrl-C pour arrêter)
watch-kept-previous = rien n'a été écrit, la dernière version correcte reste en place
watch-whole-site = tout le site
watch-site-pages = pages du site
watch-written = html : { $docs }, { $written ->
        [one] { $written } fichier écrit
       *[other] { $written } fichiers écrits
    }
watch-removed = , { $removed ->
        [one] { $removed } supprimé
       *[other] { $removed } supprimés
    }
watch-pdf-queued = ; { $count ->
        [one] { $count } PDF à suivre
       *[other] { $count } PDF à suivre
    }
watch-initial-build = première compilation
watch-cycle = { $clock } { $trigger } → { $what } en { $ms } ms ; { $errors ->
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
watch-fixed = ; { $count ->
        [one] { $count } corrigé
       *[other] { $count } corrigés
    }
watch-pdf-written = { $clock } pdf : { $file }, { $pages } pages en { $ms } ms
watch-pdf-not-written = { $clock } pdf : { $file } non écrit

## rules et explain

rules-no-rule-in = aucune règle dans `{ $area }` ; domaines : { $areas }
explain-every-language = toutes les langues
explain-source-not-given = non indiquée
explain-pack = Règles de style `{ $pack }`, pour les chapitres en { $languages }.
    Source : { $source } ({ $confidence ->
        [iom] règle de l'OIM
        [un] règle des Nations Unies
        [iom-second-hand] règle de l'OIM, connue de seconde main
        [gen-en] usage général de l'anglais
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
translate-termbase-written = écrit : { $path } ({ $terms } termes, { $acronyms } sigles ; { $untranslated } sans texte en `{ $lang }`)
translate-export-written = écrit : { $path } ({ $units } segments, { $translated } traduits, { $words } mots à traduire)
translate-imported = { $file } : { $translated ->
        [one] { $translated } segment traduit
       *[other] { $translated } segments traduits
    }, { $changed ->
        [one] { $changed } modifié
       *[other] { $changed } modifiés
    } ; { $dry_run ->
        [yes] écrirait
       *[no] écrit
    } { $written ->
        [0] rien (aucun changement)
       *[other] { $files }
    }

## build

build-progress = compilation
build-waiting = une autre commande sopdoc construit ou modifie ce projet : attente de sa fin ({ $lock })
build-elsewhere = { $problems ->
        [one] { $problems } problème
       *[other] { $problems } problèmes
    } ({ $errors ->
        [one] { $errors } erreur
       *[other] { $errors } erreurs
    }) dans des documents ou des langues non compilés cette fois : `sopdoc check` les liste
build-nothing-written = rien n'a été écrit : corrigez d'abord les erreurs ci-dessus
build-held-back = { $doc } ({ $lang }) n'a pas été écrit : corrigez d'abord ses erreurs ci-dessus
build-html = html : { $files ->
        [one] { $files } fichier
       *[other] { $files } fichiers
    } dans { $folder } ({ $written ->
        [one] { $written } écrit
       *[other] { $written } écrits
    }, { $removed ->
        [one] { $removed } supprimé
       *[other] { $removed } supprimés
    })
build-pdf = pdf : { $files ->
        [one] { $files } fichier
       *[other] { $files } fichiers
    }, { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    } dans { $folder }
build-typst = typst : sources de { $files ->
        [one] { $files } document
       *[other] { $files } documents
    } dans { $folder }
build-docx = docx : { $files ->
        [one] { $files } fichier
       *[other] { $files } fichiers
    } dans { $folder }
build-cards = fiches : { $files ->
        [one] { $files } fiche de rôle
       *[other] { $files } fiches de rôle
    }, { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    } dans { $folder }
build-done = terminé en { $seconds } s

## sopdoc lsp (the editor's menus and notices)
lsp-add-word = Ajouter `{ $word }` à { $file }
lsp-fix-all = Corriger dans ce fichier tout ce que sopdoc sait corriger ({ $count ->
    [one] { $count } correction
   *[other] { $count } corrections
})
lsp-no-project = sopdoc : aucun sopdoc.yaml dans le dossier de travail ni au-dessus ; ouvrez le dossier du projet pour voir les diagnostics
lsp-word-added = sopdoc : `{ $word }` ajouté à { $file }
lsp-rename-xliff = sopdoc : renommé. Les fichiers XLIFF exportés avant ce renommage ne s’importeront plus (translate/unknown-unit) : exportez-les de nouveau pour les traducteurs qui y travaillent encore
