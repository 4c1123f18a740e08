use super::catalog::StandardField;
pub const ESTATE_FIELDS: &[StandardField] = &[];
