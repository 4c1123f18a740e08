//! placeholder until the data lands
#[derive(Debug, Clone, Copy)]
pub struct Place { pub zip: &'static str, pub city: &'static str, pub district: &'static str, pub state: &'static str, pub lat: f64, pub lon: f64 }
pub const PLACES: &[Place] = &[Place { zip: "52062", city: "Aachen", district: "Mitte", state: "Nordrhein-Westfalen", lat: 50.776, lon: 6.084 }];
