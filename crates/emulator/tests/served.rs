//! `served::SERVED` is exact: every operation in it is routed to a handler, and every other
//! operation of the document is not (it answers the JSON 404 of an unserved path, or 405).

mod support;

use runai_emulator::contract::contract;
use runai_emulator::served::{served_document, SERVED};
use support::Client;

#[tokio::test]
async fn the_served_list_is_exactly_what_is_routed() {
    let c = Client::signed_in().await;
    let http = reqwest::Client::new();
    let doc = contract().document();
    let mut wrong = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys().filter(|k| *k != "parameters") {
            let method = method.to_uppercase();
            // Any id will do: a handler answers for it (found or not), an unrouted path does not.
            let concrete: Vec<String> = path.split('/').map(|s| if s.starts_with('{') { "1".into() } else { s.to_owned() }).collect();
            let url = format!("{}{}", c.emulator.url(), concrete.join("/"));
            let request = http.request(method.parse().unwrap(), url).bearer_auth(c.token.as_deref().unwrap());
            let answer = request.header("content-type", "application/json").body("{}").send().await.unwrap();
            let status = answer.status().as_u16();
            let text = answer.text().await.unwrap();
            let routed = !(status == 405 || (status == 404 && text.contains("No such API path")));
            let served = SERVED.contains(&(method.as_str(), path.as_str()));
            if routed != served {
                wrong.push(format!("{method} {path}: served {served}, routed {routed} ({status} {text})"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(served_document()["paths"].as_object().unwrap().values().map(|i| i.as_object().unwrap().keys().filter(|k| *k != "parameters").count()).sum::<usize>(), SERVED.len());
}
