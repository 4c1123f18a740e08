//! Reads estates under 300,000 with a filter, sorted by price.
//!
//! `KONTOR_URL=http://127.0.0.1:8080/api/stable/api.php KONTOR_TOKEN=… KONTOR_SECRET=… \
//!  cargo run -p kontor-client --example read_estates`

use kontor_client::calls::{estate, Scalar};
use kontor_client::Client;
use kontor_proto::calls::read::FilterOp;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = client()?;
    let reply = client
        .call(
            estate::read()
                .data(["Id", "kaufpreis", "ort"])
                .filter("kaufpreis", FilterOp::Lt, Scalar::Int(300_000))
                .sort("kaufpreis")
                .limit(10)
                .into(),
        )
        .await?;
    println!("{} of {:?} estates", reply.records().len(), reply.total());
    for record in reply.records() {
        println!("{:?} {}", record.id, record.elements);
    }
    Ok(())
}

/// Endpoint and credentials from the environment, like `kontor call`.
fn client() -> Result<Client, Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).map_err(|_| format!("set {name}"));
    let mut builder = Client::with_credentials(&var("KONTOR_TOKEN")?, &var("KONTOR_SECRET")?)?;
    if let Ok(url) = std::env::var("KONTOR_URL") {
        builder = builder.endpoint(url);
    }
    Ok(builder.build()?)
}
