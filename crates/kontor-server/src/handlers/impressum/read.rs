//! `read impressum`: the imprint of the tenant, set with `kontor tenant settings` or the admin
//! API (`/admin/tenants/{tenant}/settings`).
//!
//! ```json
//! {"actionid":"urn:onoffice-de-ns:smart:2.5:smartml:action:read","resourceid":"",
//!  "resourcetype":"impressum","parameters":{"data":["title","firma","country"],
//!  "language":"ENG","formatoutput":true}}
//! ```
//! → `{"meta":{"cntabsolute":null},"records":[{"id":"impressum","type":null,
//!    "elements":{"title":"Mr.","firma":"Muster Immobilien GmbH","country":"Germany"}}]}`
//!
//! `title` is the salutation's label in `language` (German when absent); `country` is the
//! ISO 3166-1 alpha-3 code, or with `formatoutput` the country's name in `language`. The
//! resource id (a user whose imprint to read) is accepted and ignored: Kontor keeps one
//! imprint per tenant, as a customer without office groups has.

use kontor_proto::calls::params::Params;
use kontor_proto::calls::settings::{Entries, ImprintParams};
use kontor_proto::calls::CallParams;
use kontor_proto::{Data, Language, Record, RecordId};
use kontor_store::fields::FieldConfig;
use kontor_store::Module;
use kontor_store::{FieldStore, SettingsStore, Store};

use crate::handlers::settings::setting;
use crate::handlers::{store_error, Ctx};
use crate::modules::Pending;

pub(crate) fn handle<'a>(
    store: &'a Store,
    ctx: &'a Ctx<'a>,
    params: Params<'a>,
) -> Pending<'a, Data> {
    Box::pin(async move {
        let params = ImprintParams::parse(params)?;
        let lang = params.language.unwrap_or(Language::DEU);
        let settings = store
            .tenant_settings(ctx.tenant)
            .await
            .map_err(store_error)?;
        // The salutations and countries are those of addresses, in every language the tenant has.
        let addresses = store
            .field_config(ctx.tenant, Module::ADDRESS)
            .await
            .map_err(store_error)?;
        let mut elements = Vec::with_capacity(params.fields.len());
        for field in params.fields {
            let value = settings.get(setting("imprint", field)?);
            let value = match field {
                "title" => label(&addresses, "Anrede", value, lang),
                "country" if params.formatoutput => label(&addresses, "Land", value, lang),
                _ => value.to_string(),
            };
            elements.push((field, value));
        }
        Ok(Data::uncounted(vec![Record::new(
            RecordId::Key("impressum".into()),
            None,
            &Entries(elements),
        )]))
    })
}

/// The label of a select key of an address field; the key itself where it has none.
fn label(config: &FieldConfig, field: &str, key: &str, lang: Language) -> String {
    config
        .get(field)
        .and_then(|f| f.option(key))
        .map(|o| o.labels.get(lang).to_string())
        .unwrap_or_else(|| key.to_string())
}
