//! The tera templates and static assets of the site: built in, each overridable by a file
//! of the same name in the project (`templates/html/<name>`, `styles/html/sopdoc.css`).

use std::path::Path;

use serde::Serialize;

use crate::error::Error;
use crate::world::World;

/// Built-in templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../../templates/html/base.html"),
    ),
    ("toc.html", include_str!("../../../templates/html/toc.html")),
    (
        "breadcrumbs.html",
        include_str!("../../../templates/html/breadcrumbs.html"),
    ),
    (
        "doc-actions.html",
        include_str!("../../../templates/html/doc-actions.html"),
    ),
    (
        "cover.html",
        include_str!("../../../templates/html/cover.html"),
    ),
    (
        "imprint.html",
        include_str!("../../../templates/html/imprint.html"),
    ),
    (
        "index.html",
        include_str!("../../../templates/html/index.html"),
    ),
    (
        "lang-index.html",
        include_str!("../../../templates/html/lang-index.html"),
    ),
    (
        "document.html",
        include_str!("../../../templates/html/document.html"),
    ),
    (
        "chapter.html",
        include_str!("../../../templates/html/chapter.html"),
    ),
    (
        "print.html",
        include_str!("../../../templates/html/print.html"),
    ),
    (
        "card.html",
        include_str!("../../../templates/html/card.html"),
    ),
];

const CSS: &str = include_str!("../../../styles/html/sopdoc.css");
const SEARCH_JS: &str = include_str!("../../../templates/html/search.js");

/// The loaded templates, with the names of the ones the project overrides.
pub(crate) struct Templates {
    tera: tera::Tera,
    overridden: Vec<String>,
}

fn read_override(world: &dyn World, root: &Path, rel: &str) -> Result<Option<String>, Error> {
    let path = root.join(rel);
    if !world.is_file(&path) {
        return Ok(None);
    }
    world
        .read_to_string(&path)
        .map(Some)
        .map_err(|source| Error::Read { path, source })
}

/// tera's message with its causes.
fn message(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let s_msg = s.to_string();
        if !msg.contains(&s_msg) {
            msg.push_str(": ");
            msg.push_str(&s_msg);
        }
        source = s.source();
    }
    msg
}

impl Templates {
    /// Loads the built-in templates, replaced by the project's own where present.
    pub(crate) fn load(world: &dyn World, root: &Path) -> Result<Self, Error> {
        let mut sources = Vec::new();
        let mut overridden = Vec::new();
        for (name, builtin) in TEMPLATES {
            match read_override(world, root, &format!("templates/html/{name}"))? {
                Some(text) => {
                    overridden.push((*name).to_string());
                    sources.push((*name, text));
                }
                None => sources.push((*name, (*builtin).to_string())),
            }
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, t)| (*n, t.as_str()))) {
            let files = if overridden.is_empty() {
                "built-in templates/html".to_string()
            } else {
                overridden
                    .iter()
                    .map(|n| format!("templates/html/{n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Err(Error::Template(format!("{files}: {}", message(&e))));
        }
        Ok(Templates { tera, overridden })
    }

    /// Renders template `name` with `view` as its context.
    pub(crate) fn render<T: Serialize>(&self, name: &str, view: &T) -> Result<String, Error> {
        let where_ = |e: &tera::Error| {
            let origin = if self.overridden.iter().any(|n| n == name) {
                format!("templates/html/{name} (project)")
            } else {
                format!("templates/html/{name} (built-in)")
            };
            Error::Template(format!("{origin}: {}", message(e)))
        };
        let cx = tera::Context::from_serialize(view).map_err(|e| where_(&e))?;
        self.tera.render(name, &cx).map_err(|e| where_(&e))
    }
}

/// The stylesheet: the project's `styles/html/sopdoc.css`, else the built-in one.
pub(crate) fn stylesheet(world: &dyn World, root: &Path) -> Result<String, Error> {
    Ok(read_override(world, root, "styles/html/sopdoc.css")?.unwrap_or_else(|| CSS.to_string()))
}

/// The search script: the project's `templates/html/search.js`, else the built-in one.
pub(crate) fn search_script(world: &dyn World, root: &Path) -> Result<String, Error> {
    Ok(read_override(world, root, "templates/html/search.js")?
        .unwrap_or_else(|| SEARCH_JS.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_override_is_a_template_error_naming_the_file() {
        let mut world = crate::world::MemoryWorld::new();
        world.insert("/p/templates/html/chapter.html", "{% if %}");
        match Templates::load(&world, Path::new("/p")) {
            Err(Error::Template(msg)) => {
                assert!(msg.contains("templates/html/chapter.html"), "{msg}")
            }
            Err(e) => panic!("unexpected error {e}"),
            Ok(_) => panic!("a broken template must not load"),
        }
    }

    #[test]
    fn builtin_templates_load() {
        let world = crate::world::MemoryWorld::new();
        assert!(Templates::load(&world, Path::new("/p")).is_ok());
    }
}
