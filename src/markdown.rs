//! Markdown to terminal lines: a pure renderer with no terminal in it.
