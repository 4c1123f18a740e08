//! `basicsettings`: the tenant's basic settings (characteristics and CI, team, permissions).

pub(crate) mod read;
