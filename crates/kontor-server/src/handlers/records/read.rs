//! `read <module>`: a list of records, several by `recordids`, or one by `resourceid`, for
//! every module.
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:read","resourceid":"",
//!  "resourcetype":"estate","parameters":{"data":["Id","kaufpreis"],
//!  "filter":{"status":[{"op":"=","val":1}]},"sortby":{"kaufpreis":"ASC"},"listlimit":20}}
//! ```
//! → `{"meta":{"cntabsolute":9},"records":[{"id":15,"type":"estate",
//!    "elements":{"Id":"15","kaufpreis":"245000.00"}}]}`

use kontor_proto::calls::params::Params;
use kontor_proto::calls::read::CountryIsoCode;
use kontor_proto::calls::read::ReadParams;
use kontor_proto::calls::CallParams;
use kontor_proto::data_writer::{DataWriter, ElementKey};
use kontor_proto::response::RenderedData;
use kontor_proto::{ApiError, ErrorCode, Language, RecordId};
use kontor_store::fields::country_alpha2;
use kontor_store::fields::{Computed, FieldConfig, FieldDef};
use kontor_store::records::{DocValue, Module, RecordQuery, StoredRecord};
use kontor_store::{FieldStore, FilterStore, RecordStore};
use serde_json::Value;

use super::query::{resolve, Fields, Readable};
use super::render::{self, render, Style};
use crate::handlers::{store_error, Ctx};
use crate::modules::ServedModule;

/// The `data` of the answer, written as it is rendered (`kontor_proto::data_writer`).
pub(crate) async fn run(
    store: &(impl RecordStore + FieldStore + FilterStore),
    ctx: &Ctx<'_>,
    served: &ServedModule,
    params: Params<'_>,
) -> Result<RenderedData, ApiError> {
    let main = served.module;
    let mut params = ReadParams::parse(params)?;
    // Saved filters belong to the module (`kontor filter add estate`), language versions
    // included: they are its records, so the filter is looked up before the read turns to
    // them.
    if let Some(id) = params.filterid {
        params
            .filter
            .extend(saved_filter(store, ctx, main, id).await?);
    }
    // A language other than the main one reads the records' language versions.
    let version = params
        .estatelanguage
        .filter(|l| *l != Language::DEU)
        .and_then(|l| main.versions().map(|m| (l, m)));
    let module = version.map(|(_, m)| m).unwrap_or(main);
    let language = version.map(|(l, _)| l);
    let config = store
        .field_config(ctx.tenant, main)
        .await
        .map_err(store_error)?;
    let ids = match ctx.resourceid.record_id() {
        Some(id) => Some(vec![id]),
        None if !params.recordids.is_empty() => Some(params.recordids.clone()),
        None => None,
    };
    let fields = Fields {
        config: &config,
        module,
        hooks: served.hooks,
    };
    let mut query: RecordQuery = resolve(&fields, &params, ids)?;
    query.language = language.map(|l| l.to_string());
    // Elements come from the document fields named in `data` only, and those that computed
    // ones are computed from, unless the module's pseudo-fields read whole documents.
    if !served.hooks.whole_documents() {
        query.fields = Some(projection(&config, &params.data));
    }
    let page = store
        .query_records(ctx.tenant, module, &query)
        .await
        .map_err(store_error)?;
    let style = Style {
        formatted: params.formatoutput,
        lang: params.outputlanguage.unwrap_or(Language::DEU),
        integers_as_numbers: main.integers_as_numbers && !params.formatoutput,
    };
    let extras = Extras {
        versions: main.versions().is_some(),
        language: params
            .addestatelanguage
            .then(|| language.map(|l| l.to_string()).unwrap_or_default()),
        main_lang_id: params.add_main_lang_id,
        country: params.country_iso_code,
    };
    let columns = columns(&fields, main, &params.data, &extras);
    let mut out = DataWriter::new(Some(page.total), page.records.len());
    let mut scratch = String::new();
    for record in &page.records {
        out.record(&RecordId::Int(record.id), Some(main.name()));
        for column in &columns {
            column.write(record, served, style, &mut out, &mut scratch);
        }
        out.end_record();
    }
    Ok(out.finish())
}

/// The document fields a projected read loads: those in `data` at their positions (where
/// [`kontor_store::records::Doc::field`] finds them), then the inputs of computed ones.
fn projection(config: &FieldConfig, data: &[String]) -> Vec<String> {
    let mut fields = data.to_vec();
    for name in data {
        let inputs = config
            .get(name)
            .and_then(|f| f.computed)
            .map(|c| c.inputs())
            .unwrap_or_default();
        for input in inputs {
            if !fields.iter().any(|f| f == input) {
                fields.push((*input).to_string());
            }
        }
    }
    fields
}

/// What `addestatelanguage` and `addMainLangId` add to the elements of modules with
/// language versions.
#[derive(Debug, Clone)]
struct Extras {
    /// The module has language versions.
    versions: bool,
    /// The record's language: `""` for the main language, `ENG` for a version.
    language: Option<String>,
    main_lang_id: bool,
    /// `countryIsoCodeType` (the module's country field, addresses' `Land`).
    country: Option<CountryIsoCode>,
}

/// One element of every record of the answer, resolved once per read.
struct Column<'c> {
    /// A pseudo-field names its own elements; its key only finds it again when repeated.
    key: ElementKey,
    source: Source<'c>,
}

enum Source<'c> {
    /// Addresses' `"id": <int>`.
    IdNumber,
    /// The id field as text (`"Id": "15"`).
    IdText,
    Uuid,
    Language(&'c str),
    MainLangId,
    /// A configured field: its definition, and its position in `data` (where a projected
    /// document finds it).
    Field {
        field: &'c FieldDef,
        name: &'c str,
        index: usize,
    },
    /// A field computed from others when it is read.
    Computed {
        field: &'c FieldDef,
        computed: Computed,
    },
    /// Addresses' `Land`, with the `countryIsoCodeType` asked for.
    Country {
        field: &'c FieldDef,
        name: &'c str,
        code: Option<CountryIsoCode>,
    },
    Pseudo(&'c str),
}

/// The elements in the order the answer has them: the id where the module has it in its
/// elements (addresses), the language extras, then the requested fields. A key named twice keeps its first place
/// and its last value, as building the elements as a map did (a pseudo-field named twice
/// is written once so).
fn columns<'c>(
    fields: &Fields<'c>,
    main: Module,
    data: &'c [String],
    extras: &'c Extras,
) -> Vec<Column<'c>> {
    let mut columns: Vec<Column<'c>> = Vec::with_capacity(data.len() + 2);
    let mut put = |name: &str, source: Source<'c>| {
        let key = ElementKey::new(name);
        match columns.iter_mut().find(|c| c.key == key) {
            Some(column) => column.source = source,
            None => columns.push(Column { key, source }),
        }
    };
    if main.id_in_elements {
        put("id", Source::IdNumber);
    }
    if extras.versions {
        if let Some(language) = &extras.language {
            put("language", Source::Language(language));
        }
        if extras.main_lang_id {
            put("mainLangId", Source::MainLangId);
        }
    }
    for (index, name) in data.iter().enumerate() {
        let source = match fields.readable(name) {
            Some(Readable::Id) if main.id_in_elements => continue,
            Some(Readable::Id) => Source::IdText,
            Some(Readable::Uuid) => Source::Uuid,
            Some(Readable::Field(field)) => match field.computed {
                Some(computed) => Source::Computed { field, computed },
                None if main.country_field == Some(name.as_str()) => Source::Country {
                    field,
                    name,
                    code: extras.country,
                },
                None => Source::Field { field, name, index },
            },
            Some(Readable::Pseudo(_)) | None => Source::Pseudo(name),
        };
        put(name, source);
    }
    columns
}

impl Column<'_> {
    fn write(
        &self,
        record: &StoredRecord,
        served: &ServedModule,
        style: Style,
        out: &mut DataWriter,
        scratch: &mut String,
    ) {
        if let Source::Pseudo(name) = self.source {
            return served.hooks.render_pseudo(name, record, out);
        }
        out.key(&self.key);
        match self.source {
            Source::IdNumber => out.int(record.id),
            Source::IdText if style.formatted => out.text(&render::group_thousands(record.id)),
            Source::IdText => out.int_text(record.id),
            Source::Uuid => out.text(&record.uuid),
            Source::Language(language) => out.text(language),
            // A main-language estate has no main id of its own: null, as recorded; a language
            // version names its main estate (a string, as in the docs' example).
            Source::MainLangId => match record.main_id {
                Some(main) => out.int_text(main),
                None => out.null(),
            },
            Source::Field { field, name, index } => {
                let value = record.doc.field(index, name);
                render::write(out, field, value.as_ref(), style, scratch);
            }
            Source::Computed { field, computed } => {
                let value = computed.value(record);
                render::write(out, field, Some(&DocValue::from(&value)), style, scratch);
            }
            Source::Country { field, name, code } => {
                let value = record.doc.get(name);
                match country(field, value.as_ref(), style, code) {
                    Value::String(text) => out.text(&text),
                    _ => out.null(),
                }
            }
            Source::Pseudo(_) => {}
        }
    }
}

/// An address's `Land`: full text unless `countryIsoCodeType` asks for a code. COMPAT: the
/// real API writes the country's name here even in raw mode (`"Land":"Deutschland"` in
/// recorded responses), unlike every other single-select.
fn country(
    field: &FieldDef,
    value: Option<&DocValue<'_>>,
    style: Style,
    code: Option<CountryIsoCode>,
) -> Value {
    let Some(key) = value.and_then(DocValue::as_str).filter(|s| !s.is_empty()) else {
        return render(field, value, style);
    };
    match code {
        Some(CountryIsoCode::Alpha3) => Value::String(key.to_string()),
        Some(CountryIsoCode::Alpha2) => {
            Value::String(country_alpha2(key).unwrap_or(key).to_string())
        }
        None => render(
            field,
            value,
            Style {
                formatted: true,
                ..style
            },
        ),
    }
}

/// The conditions of a saved filter, ANDed with the request's own.
pub(crate) async fn saved_filter(
    store: &impl FilterStore,
    ctx: &Ctx<'_>,
    module: Module,
    id: i64,
) -> Result<Vec<kontor_proto::calls::read::Condition>, ApiError> {
    let unknown = || ApiError::with_detail(ErrorCode::RequestedFilteridUnknown, id.to_string());
    let saved = store
        .get_filter(ctx.tenant, module, id)
        .await
        .map_err(store_error)?
        .ok_or_else(unknown)?;
    let value: Value = serde_json::from_str(&saved.conditions).map_err(|_| unknown())?;
    kontor_proto::calls::read::parse_filter(Some(&value))
}
