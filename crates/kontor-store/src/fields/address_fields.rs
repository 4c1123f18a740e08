use super::catalog::StandardField;
pub const ADDRESS_FIELDS: &[StandardField] = &[];
