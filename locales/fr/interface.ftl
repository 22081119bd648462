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
