//! Uploads a picture and attaches it to an estate as a photo.
//!
//! `KONTOR_URL=… KONTOR_TOKEN=… KONTOR_SECRET=… cargo run -p kontor-client --example upload_picture -- 12 front.jpg`

use kontor_client::calls::upload;
use kontor_client::Client;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let estate: i64 = args
        .next()
        .ok_or("usage: upload_picture ESTATE_ID FILE")?
        .parse()?;
    let path = args.next().ok_or("usage: upload_picture ESTATE_ID FILE")?;
    let bytes = std::fs::read(&path)?;
    let name = std::path::Path::new(&path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.clone());

    let var = |name: &str| std::env::var(name).map_err(|_| format!("set {name}"));
    let mut builder = Client::with_credentials(&var("KONTOR_TOKEN")?, &var("KONTOR_SECRET")?)?;
    if let Ok(url) = std::env::var("KONTOR_URL") {
        builder = builder.endpoint(url);
    }
    let client = builder.build()?;

    let attach = upload::to_estate(estate, name, "Foto").title("Uploaded with kontor-client");
    let reply = upload::upload(&client, &bytes, attach).await?;
    println!("{}", reply.records()[0].elements);
    Ok(())
}
