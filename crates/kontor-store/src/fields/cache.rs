//! Field configurations per tenant and module, valid while their generation is unchanged.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::catalog::Module;
use super::config::FieldConfig;
use crate::types::TenantId;

type Entry = (i64, Arc<FieldConfig>);

#[derive(Debug, Default)]
pub struct ConfigCache {
    entries: Mutex<HashMap<(TenantId, Module), Entry>>,
}

impl ConfigCache {
    pub(crate) fn get(
        &self,
        tenant: TenantId,
        module: Module,
        generation: i64,
    ) -> Option<Arc<FieldConfig>> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(&(tenant, module))
            .filter(|(g, _)| *g == generation)
            .map(|(_, c)| c.clone())
    }

    pub(crate) fn put(
        &self,
        tenant: TenantId,
        module: Module,
        generation: i64,
        config: Arc<FieldConfig>,
    ) {
        if let Ok(mut entries) = self.entries.lock() {
            // Tenants are few; a bound still keeps a misbehaving deployment finite.
            if entries.len() > 10_000 {
                entries.clear();
            }
            entries.insert((tenant, module), (generation, config));
        }
    }
}
