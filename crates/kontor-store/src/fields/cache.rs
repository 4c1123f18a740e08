//! Field configurations per tenant and module, valid while their generation is unchanged.

use std::sync::Arc;

use super::config::FieldConfig;
use crate::cache::GenerationCache;
use crate::modules::Module;
use crate::types::TenantId;

/// Configurations kept: tenants are few, but a bound keeps a deployment with very many of
/// them finite (the least used are evicted and read again when asked).
const MAX_ENTRIES: usize = 10_000;

#[derive(Debug)]
pub struct ConfigCache {
    entries: GenerationCache<(TenantId, Module), Arc<FieldConfig>>,
}

impl Default for ConfigCache {
    fn default() -> Self {
        ConfigCache {
            entries: GenerationCache::new(MAX_ENTRIES),
        }
    }
}

impl ConfigCache {
    pub(crate) fn get(
        &self,
        tenant: TenantId,
        module: Module,
        generation: i64,
    ) -> Option<Arc<FieldConfig>> {
        self.entries.get(&(tenant, module), generation)
    }

    pub(crate) fn put(
        &self,
        tenant: TenantId,
        module: Module,
        generation: i64,
        config: Arc<FieldConfig>,
    ) {
        self.entries.put((tenant, module), generation, config);
    }
}
