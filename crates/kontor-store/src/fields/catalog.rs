//! Types of the standard field catalog. The data itself is in `estate_fields.rs` and
//! `address_fields.rs`, one static row per field, so that reading a field's definition never
//! touches the database.

/// The modules whose fields are configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Module {
    Estate,
    Address,
}

impl Module {
    pub const fn name(self) -> &'static str {
        match self {
            Module::Estate => "estate",
            Module::Address => "address",
        }
    }

    pub fn parse(text: &str) -> Option<Module> {
        match text {
            "estate" => Some(Module::Estate),
            "address" => Some(Module::Address),
            _ => None,
        }
    }

    /// The standard fields of the module, in display order.
    pub fn standard_fields(self) -> &'static [StandardField] {
        match self {
            Module::Estate => super::estate_fields::ESTATE_FIELDS,
            Module::Address => super::address_fields::ADDRESS_FIELDS,
        }
    }
}

/// Field types as `get fields` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    Varchar,
    Text,
    Integer,
    Float,
    Boolean,
    Date,
    DateTime,
    SingleSelect,
    MultiSelect,
    Blob,
    /// A user reference; `get fields` says `text` unless `realDataTypes` is set.
    User,
}

impl FieldType {
    /// The type name on the wire; `real` selects the `realDataTypes` names.
    pub const fn wire_name(self, real: bool) -> &'static str {
        match self {
            FieldType::Varchar => "varchar",
            FieldType::Text => "text",
            FieldType::Integer => "integer",
            FieldType::Float => "float",
            FieldType::Boolean => "boolean",
            FieldType::Date => "date",
            FieldType::DateTime => "datetime",
            FieldType::SingleSelect => "singleselect",
            FieldType::MultiSelect => "multiselect",
            FieldType::Blob => "blob",
            // The recordings show "text" for user fields unless realDataTypes is set.
            FieldType::User => {
                if real {
                    "user"
                } else {
                    "text"
                }
            }
        }
    }

    pub fn parse(text: &str) -> Option<FieldType> {
        Some(match text {
            "varchar" => FieldType::Varchar,
            "text" => FieldType::Text,
            "integer" => FieldType::Integer,
            "float" => FieldType::Float,
            "boolean" => FieldType::Boolean,
            "date" => FieldType::Date,
            "datetime" => FieldType::DateTime,
            "singleselect" => FieldType::SingleSelect,
            "multiselect" => FieldType::MultiSelect,
            "blob" => FieldType::Blob,
            "user" => FieldType::User,
            _ => return None,
        })
    }

    pub const fn is_select(self) -> bool {
        matches!(self, FieldType::SingleSelect | FieldType::MultiSelect)
    }

    /// Compared as numbers in filters and sorts.
    pub const fn is_numeric(self) -> bool {
        matches!(
            self,
            FieldType::Integer | FieldType::Float | FieldType::Boolean | FieldType::User
        )
    }
}

/// One permitted value of a select field: its key and its labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SelectValue {
    pub key: &'static str,
    pub deu: &'static str,
    pub eng: &'static str,
}

/// A standard field. Names are case-sensitive, exactly as the API spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandardField {
    pub name: &'static str,
    pub ty: FieldType,
    /// Maximum length for text types, digits for numbers; `None` where the API says null.
    pub length: Option<u32>,
    /// Permitted values of select fields, in display order (empty otherwise).
    pub values: &'static [SelectValue],
    pub default: Option<&'static str>,
    pub deu: &'static str,
    pub eng: &'static str,
    /// The table the field lives in, as `showTable` reports it (`ObjTech`, `ObjPreise`, …).
    pub table: &'static str,
    /// The content group (section) as `showContent` reports it, English.
    pub content: &'static str,
    /// `fieldMeasureFormat` (`DATA_TYPE_MONETARY`, `DATA_TYPE_AREA`, …), when it has one.
    pub measure: Option<&'static str>,
    /// Set by the system; writes are refused.
    pub read_only: bool,
    /// Not stored: computed from other fields whenever it is read (always read-only).
    pub computed: Option<super::computed::Computed>,
}
