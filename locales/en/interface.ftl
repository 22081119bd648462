# What sopdoc says around the diagnostics: summaries, labels, status lines, reports.
# English is the reference: every key here exists in locales/fr/interface.ftl with the
# same variables (a test checks it). Numbers choose plural forms: `[one]` and `*[other]`.

## Diagnostics in the terminal

label-hint = = hint:
label-fix = = fix:
summary-line = { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }, { $infos ->
        [one] { $infos } info
       *[other] { $infos } infos
    }
check-infos-hidden = (`sopdoc check` shows the infos)
diagnostics-and-more = … and { $count } more
did-you-mean = did you mean `{ $candidate }`?
did-you-mean-two = did you mean `{ $first }` or `{ $second }`?

## What an automatic fix does

fix-replace-with = replace with `{ $text }`
fix-no-change = no change
fix-insert = insert { $what }{ $place }
fix-remove = remove { $what }{ $place }
fix-replace = replace { $old } with { $new }{ $place }
fix-before = { " " }before `{ $char }`
fix-and = { " " }and{ " " }
char-narrow-nbsp = a narrow no-break space
char-nbsp = a no-break space
char-thin-space = a thin space
char-zero-width-space = a zero-width space
char-tab = a tab
char-spaces = { $count ->
        [one] a space
       *[other] { $count } spaces
    }
fix-legend = <U+202F> narrow no-break space, <U+00A0> no-break space
fix-fixed-file = fixed { $file }
fix-legend-line = (invisible characters shown as: { $legend })
rules-unknown-id = no rule has the id `{ $id }`
