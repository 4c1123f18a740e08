//! Creates an address and reads it back, in one request each.
//!
//! `KONTOR_URL=… KONTOR_TOKEN=… KONTOR_SECRET=… cargo run -p kontor-client --example create_address`

use kontor_client::calls::address;
use kontor_client::{Client, RecordId};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).map_err(|_| format!("set {name}"));
    let mut builder = Client::with_credentials(&var("KONTOR_TOKEN")?, &var("KONTOR_SECRET")?)?;
    if let Ok(url) = std::env::var("KONTOR_URL") {
        builder = builder.endpoint(url);
    }
    let client = builder.build()?;

    let created = client
        .call(
            address::create()
                .field("Vorname", "Erika")
                .field("Name", "Mustermann")
                .field("Ort", "Aachen")
                .into(),
        )
        .await?;
    let Some(RecordId::Int(id)) = created.records().first().map(|r| r.id.clone()) else {
        return Err("the create answered no id".into());
    };
    println!("created address {id}");
    let read = client
        .call(
            address::read()
                .id(id)
                .data(["Vorname", "Name", "Ort"])
                .into(),
        )
        .await?;
    println!("{}", read.records()[0].elements);
    Ok(())
}
