//! Every typed builder of the SDK writes parameters that the server's parser reads back as
//! the same typed parameters: the SDK and the server share one type per call, and this
//! proves that its two directions agree (through the JSON text, as on the wire).

use std::fmt::Debug;

use kontor_client::calls::{
    actionkindtypes, address, agentslog, appointment, estate, regions, relation, search,
    searchcriteria, settings, task, upload, Call, Scalar,
};
use kontor_client::{Action, Language};
use kontor_proto::calls::read::{FilterOp, GeoRange, ReadParams};
use kontor_proto::calls::{CallParams, Params};
use serde_json::{json, Map, Value};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Sends `call` through JSON text and parses it as the server does.
fn round_trip<P: CallParams + PartialEq + Debug + Clone>(call: Call<P>) -> TestResult {
    let want = call.params().clone();
    let action: Action = call.into();
    let text = serde_json::to_string(action.parameters())?;
    let map: Map<String, Value> = serde_json::from_str(&text)?;
    let got = P::parse(Params(&map)).map_err(|e| format!("{e:?}: {text}"))?;
    assert_eq!(got, want, "{text}");
    Ok(())
}

#[test]
fn every_builder_round_trips_through_the_servers_parser() -> TestResult {
    round_trip(actionkindtypes::get())?;
    round_trip(regions::get())?;
    round_trip(search::addresses("Müller 0241").with_contact_data())?;
    round_trip(
        search::estates("Aachen")
            .limit(5)
            .offset(10)
            .sort("ort", true)
            .filter_id(3),
    )?;
    round_trip(regions::get().language(Language::ENG))?;
    round_trip(regions::live_search("Köln").language(Language::ENG))?;
    round_trip(
        actionkindtypes::get()
            .lang(Language::ENG)
            .with_automatic_types_for("Email"),
    )?;
    round_trip(agentslog::create("Telefonat"))?;
    round_trip(
        agentslog::create("Telefonat")
            .action_type("Ausgang")
            .note("Called about the viewing")
            .addresses([301, 302])
            .estate(12)
            .at("2026-05-04 10:00:00"),
    )?;
    round_trip(appointment::create(
        "2026-05-04 10:00:00",
        "2026-05-04 11:00:00",
    ))?;
    round_trip(
        appointment::create("2026-05-04 10:00:00", "2026-05-04 11:00:00")
            .field("description", "Viewing")
            .field("ganztags", 0)
            .addresses([301])
            .estate(12),
    )?;
    round_trip(task::create("Prepare the exposé"))?;
    round_trip(
        task::create("Prepare the exposé")
            .field("Prio", 2)
            .address(301)
            .estate(12),
    )?;
    round_trip(relation::children("estate:address:owner", [12, 13]))?;
    round_trip(relation::parents("estate:address:owner", [301]))?;
    round_trip(relation::create("estate:address:owner", 12, [301, 302]))?;
    round_trip(relation::delete("estate:address:owner", 12, 301))?;
    let mut info = Map::new();
    info.insert("statusTerminbestaetigung".into(), json!("gesendet"));
    round_trip(relation::modify("calendar:address", 7, [301], info))?;
    round_trip(searchcriteria::of_addresses([301, 302]))?;
    round_trip(searchcriteria::by_id([7]))?;
    let mut status = Map::new();
    status.insert("status".into(), json!([{"op": "=", "val": 1}]));
    round_trip(searchcriteria::by_filter(status, "internaladdressid", true))?;
    round_trip(searchcriteria::fields(Some("ENG"), true))?;
    round_trip(upload::to_estate(12, "front.png", "Foto").title("Front"))?;
    round_trip(upload::to_address(301, "passport.pdf").text("Copy"))?;
    round_trip(settings::imprint())?;
    round_trip(
        settings::imprint()
            .fields(["firma", "city", "country"])
            .language(Language::ENG)
            .formatted(),
    )?;
    round_trip(settings::basic())?;
    round_trip(settings::basic().only_ci(["logo", "color", "claim"]))?;
    Ok(())
}

#[test]
fn list_reads_round_trip_with_every_parameter() -> TestResult {
    round_trip(estate::read())?;
    round_trip(address::read())?;
    round_trip(
        estate::read()
            .data(["Id", "kaufpreis", "ort"])
            .filter("kaufpreis", FilterOp::Lt, Scalar::Int(300_000))
            .filter("objekttitel", FilterOp::Like, Scalar::Text("%Dom%".into()))
            .filter_in(
                "ort",
                [Scalar::Text("Aachen".into()), Scalar::Text("Köln".into())],
            )
            .filter_between("wohnflaeche", Scalar::Int(50), Scalar::Float(120.5))
            .sort_desc("kaufpreis")
            .sort("Id")
            .limit(0)
            .offset(40)
            .formatted(Some(Language::ENG))
            .near(GeoRange::Zip {
                country: "DEU".into(),
                zip: "52068".into(),
                radius_km: 25.0,
            }),
    )?;
    round_trip(estate::read().near(GeoRange::City {
        country: "DEU".into(),
        city: "Aachen".into(),
        radius_km: 5.0,
    }))?;
    round_trip(estate::read().near(GeoRange::Point {
        lat: 50.77,
        lon: 6.08,
        radius_km: 1.5,
    }))?;
    let mut languages = estate::read().limit(500);
    let params: &mut ReadParams = languages.params_mut();
    params.estatelanguage = Some(Language::ENG);
    params.addestatelanguage = true;
    params.add_main_lang_id = true;
    params.filterid = Some(3);
    round_trip(languages)?;
    let mut ids = address::read().data(["Name", "email"]);
    ids.params_mut().recordids = vec![122, 169];
    round_trip(ids)?;
    Ok(())
}

/// PHP clients send numbers as strings and flags as `"1"`; the shared types read both.
#[test]
fn numbers_and_flags_sent_as_strings_are_read() -> TestResult {
    use kontor_proto::calls::{agentslog, relation, searchcriteria, uploadfile};
    let map = |v: Value| -> Map<String, Value> { v.as_object().cloned().unwrap_or_default() };
    let entry = agentslog::CreateParams::parse(Params(&map(json!({
        "actionkind": "Telefonat", "addressids": ["301", 302], "estateid": "12", "duration": ""
    }))))?;
    assert_eq!(entry.addressids, [301, 302]);
    assert_eq!(entry.estateid, Some(12));
    assert_eq!(entry.duration, None);
    let link = relation::WriteParams::parse(Params(&map(json!({
        "relationtype": "urn:x", "parentid": "12", "childid": ["301"]
    }))))?;
    assert_eq!((link.parentid, link.childid), (vec![12], vec![301]));
    let page = searchcriteria::GetParams::parse(Params(&map(json!({
        "mode": "internal", "listlimit": "20", "listoffset": "40"
    }))))?;
    assert_eq!((page.listlimit, page.listoffset), (Some(20), Some(40)));
    let fields = searchcriteria::FieldsParams::parse(Params(&map(json!({
        "language": "ENG", "additionalTranslations": "1"
    }))))?;
    assert!(fields.additional_translations);
    let attach = uploadfile::AttachParams::parse(Params(&map(json!({
        "tmpUploadId": "a", "module": "estate", "relatedRecordId": "12", "file": "f.png",
        "setDefaultPublicationRights": "1"
    }))))?;
    assert_eq!(attach.related_record_id, 12);
    assert!(attach.set_default_publication_rights);
    let bad = relation::WriteParams::parse(Params(&map(json!({
        "relationtype": "urn:x", "parentid": "zwölf", "childid": [1]
    }))));
    let bad = bad.err().ok_or("a word is not an id")?;
    assert_eq!(bad.code.code(), 20);
    assert!(bad.message().contains("zwölf"), "{}", bad.message());
    Ok(())
}
