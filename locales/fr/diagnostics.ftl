# Messages et conseils des diagnostics, par règle du catalogue (src/diag/rules.rs).

## Fichiers YAML (toutes les règles qui lisent du YAML)

yaml-unknown-key = clé inconnue `{ $key }`
yaml-allowed-keys = clés permises ici : { $keys }
yaml-unknown-value = valeur inconnue `{ $value }`
yaml-allowed-values = valeurs permises : { $values }
yaml-missing-key = il manque la clé obligatoire `{ $key }`
yaml-add-key = ajoutez `{ $key }: …`
yaml-malformed = YAML mal formé
yaml-malformed-detail = YAML mal formé : { $detail }

## meta/registry (bibliography.yaml)

bibliography-fields = champs possibles : { $fields }
bibliography-unknown-field = champ inconnu `{ $field }` dans l'entrée `{ $entry }`

## structure

structure-unknown-schema = aucun modèle de structure ne s'appelle `{ $name }`
structure-unknown-schema-hint = choisissez parmi : { $schemas }, ou `none` ; ou créez { $file }
structure-unknown-section = la structure `{ $schema }` n'a pas de section `{ $section }`
structure-sections = sections : { $sections }

## procedure

procedure-unknown-actor = `{ $actor }` n'est pas un acteur de actors.yaml
procedure-unknown-actor-no-actors = actors.yaml ne définit encore aucun acteur : ajoutez-y `{ $actor }`
procedure-unknown-actor-add = ajoutez `{ $actor }` à actors.yaml, ou utilisez l'un de ses identifiants : { $ids }{ $more ->
        [0] {""}
       *[other] { " " }et { $more } de plus
    }

## cite

cite-unknown-key = aucun ouvrage n'a la clé `{ $key }` dans la bibliographie
cite-unknown-key-no-bibliography = ajoutez un fichier `bibliography.yaml` (la liste des ouvrages cités) à la racine des sources
cite-unknown-key-add = ajoutez `{ $key }` à bibliography.yaml

## règles de style (style/…, typo/…, spelling/…)

pack-source = source : { $source } ({ $confidence ->
        [iom] règle de l'OIM
        [un] règle des Nations Unies
        [iom-second-hand] règle de l'OIM, connue de seconde main
        [gen-en] usage général de l'anglais
        [gen-fr] usage général du français
        [synth] synthèse de plusieurs guides
       *[other] règle non vérifiée
    })
spelling-did-you-mean = vouliez-vous dire { $words } ?
spelling-add-word = si `{ $word }` est correct, ajoutez-le à { $file } (ou à un registre s'il s'agit d'un acteur, d'un sigle ou d'un terme)

