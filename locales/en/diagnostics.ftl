# Diagnostic messages and hints, keyed on the rule catalogue (src/diag/rules.rs):
# a key starts with the rule id, its `/` written `-` (xref/unknown-target → xref-unknown-target…).

## YAML files (every rule that reads YAML)

yaml-unknown-key = unknown key `{ $key }`
yaml-allowed-keys = allowed keys here: { $keys }
yaml-unknown-value = unknown value `{ $value }`
yaml-allowed-values = allowed values: { $values }
yaml-missing-key = missing required key `{ $key }`
yaml-add-key = add `{ $key }: …`
yaml-malformed = malformed YAML
yaml-malformed-detail = malformed YAML: { $detail }

## meta/registry (bibliography.yaml)

bibliography-fields = fields are: { $fields }
bibliography-unknown-field = unknown field `{ $field }` in entry `{ $entry }`

## structure

structure-unknown-schema = no structure schema is called `{ $name }`
structure-unknown-schema-hint = use one of: { $schemas }, or `none`; or add { $file }
structure-unknown-section = the `{ $schema }` structure has no section `{ $section }`
structure-sections = sections: { $sections }

## procedure

procedure-unknown-actor = `{ $actor }` is not an actor of actors.yaml
procedure-unknown-actor-no-actors = actors.yaml defines no actor yet: add `{ $actor }` to it
procedure-unknown-actor-add = add `{ $actor }` to actors.yaml, or use one of its ids: { $ids }{ $more ->
        [0] {""}
       *[other] { " " }and { $more } more
    }

## cite

cite-unknown-key = no work has the key `{ $key }` in the bibliography
cite-unknown-key-no-bibliography = add `bibliography.yaml` (hayagriva's format) at the root of the sources
cite-unknown-key-add = add `{ $key }` to bibliography.yaml

## style packs (style/…, typo/…, spelling/…)

pack-source = source: { $source } [{ $confidence }]
spelling-did-you-mean = did you mean { $words }?
spelling-add-word = if `{ $word }` is right, add it to { $file } (or to a registry if it names an actor, an acronym or a term)

