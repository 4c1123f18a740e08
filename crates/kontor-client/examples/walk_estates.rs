//! Walks every estate, 500 per request, as a `Stream`; stops after `--max` records.
//!
//! `KONTOR_URL=… KONTOR_TOKEN=… KONTOR_SECRET=… cargo run -p kontor-client --example walk_estates`

use futures_util::TryStreamExt;
use kontor_client::calls::estate;
use kontor_client::Client;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).map_err(|_| format!("set {name}"));
    let mut builder = Client::with_credentials(&var("KONTOR_TOKEN")?, &var("KONTOR_SECRET")?)?;
    if let Ok(url) = std::env::var("KONTOR_URL") {
        builder = builder.endpoint(url);
    }
    let client = builder.build()?;

    let mut estates = client
        .pager(estate::read().data(["Id", "kaufpreis", "ort"]).into())
        .cap(100_000)
        .into_stream();
    let mut count = 0u64;
    let mut sum = 0.0;
    while let Some(record) = estates.try_next().await? {
        count += 1;
        sum += record.elements["kaufpreis"]
            .as_str()
            .and_then(|p| p.parse::<f64>().ok())
            .or_else(|| record.elements["kaufpreis"].as_f64())
            .unwrap_or(0.0);
    }
    println!("{count} estates, {sum:.0} in all");
    Ok(())
}
