//! HTML site.
