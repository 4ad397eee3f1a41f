//! The subcommands of the `socialcare` binary, one module each.

pub mod analyze;
pub mod check;
pub mod eval_care;
pub mod length;
pub mod lint_templates;
pub mod profiles;
pub mod render;
pub mod suggest;
