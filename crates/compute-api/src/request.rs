//! Requests described as data: one small function per URL, executed elsewhere
//! (the console's `client`, the tests' HTTP client). Paths are relative to a service's base
//! URL as the catalog gives it (`compute` already ends in `/v2/{tenantId}`).

use std::fmt;
use std::marker::PhantomData;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

use crate::action::ServerAction;
use crate::flavor::{FlavorEnvelope, FlavorList};
use crate::identity::{TokenRequest, TokenResponse};
use crate::keypair::{CreateKeypairRequest, KeypairEnvelope, KeypairList, NewKeypair};
use crate::server::{
    CreateServer, CreateServerRequest, MetadataEnvelope, ServerDetailList, ServerEnvelope,
    ServerList, UpdateServer, UpdateServerRequest,
};
use crate::services::{
    Image, ImageList, NetworkList, PortList, SecurityGroupList, SnapshotList, SubnetList,
    VolumeList, VolumeTypeList,
};
use crate::volume_attachment::{
    AttachVolume, AttachVolumeRequest, VolumeAttachmentEnvelope, VolumeAttachmentList,
};
use crate::zone::AvailabilityZoneList;

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }

    /// Safe to send again when the outcome is unknown. Only reads are.
    pub fn is_idempotent_read(self) -> bool {
        self == Self::Get
    }
}

/// Which service of the catalog a request goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    Identity,
    Compute,
    Image,
    Network,
    Volume,
}

/// The answer of a request that is not decoded into a type of its own: an action, a delete,
/// a create whose status and headers are what counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnyAnswer;

/// A request as data, tied to the type its answer decodes into (`T`), so a client that
/// fetches it knows what it gets: `api.fetch(&request::show_server(id))` is a
/// [`ServerEnvelope`].
pub struct Request<T = AnyAnswer> {
    pub service: Service,
    pub method: Method,
    /// Starts with `/`, segments already percent-encoded.
    pub path: String,
    /// Unencoded pairs, in order.
    pub query: Vec<(String, String)>,
    pub body: Option<serde_json::Value>,
    answer: PhantomData<fn() -> T>,
}

// By hand: derived, they would ask the answer's type for the same traits.
impl<T> Clone for Request<T> {
    fn clone(&self) -> Self {
        Self {
            service: self.service,
            method: self.method,
            path: self.path.clone(),
            query: self.query.clone(),
            body: self.body.clone(),
            answer: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Request<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("service", &self.service)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body", &self.body)
            .finish()
    }
}

impl<T, U> PartialEq<Request<U>> for Request<T> {
    fn eq(&self, other: &Request<U>) -> bool {
        self.service == other.service
            && self.method == other.method
            && self.path == other.path
            && self.query == other.query
            && self.body == other.body
    }
}

/// Characters left as they are in a path segment or a query value.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn segment(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

impl<T> Request<T> {
    fn new(service: Service, method: Method, path: String) -> Self {
        Self {
            service,
            method,
            path,
            query: Vec::new(),
            body: None,
            answer: PhantomData,
        }
    }

    /// The same request, its answer read as it comes: for code that sends requests of
    /// several kinds through one path (the action runner, a dialog's submit).
    pub fn any_answer(self) -> Request {
        Request {
            service: self.service,
            method: self.method,
            path: self.path,
            query: self.query,
            body: self.body,
            answer: PhantomData,
        }
    }

    fn get(service: Service, path: String) -> Self {
        Self::new(service, Method::Get, path)
    }

    fn with_body(mut self, body: impl Serialize) -> Self {
        self.body = Some(serde_json::to_value(body).expect("request bodies always serialize"));
        self
    }

    fn with_query(mut self, key: &str, value: Option<impl ToString>) -> Self {
        if let Some(value) = value {
            self.query.push((key.to_string(), value.to_string()));
        }
        self
    }

    /// The answer's body read as this request's answer type.
    pub fn decode_answer(&self, body: &str) -> Result<T, serde_json::Error>
    where
        T: serde::de::DeserializeOwned,
    {
        serde_json::from_str(body)
    }

    /// The path and query, encoded: `/servers/detail?limit=10`.
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            return self.path.clone();
        }
        let query: Vec<String> = self
            .query
            .iter()
            .map(|(k, v)| format!("{}={}", segment(k), segment(v)))
            .collect();
        format!("{}?{}", self.path, query.join("&"))
    }

    /// The full URL under a service's base URL (a trailing `/` on the base is ignored).
    pub fn url(&self, base: &str) -> String {
        format!("{}{}", base.trim_end_matches('/'), self.path_and_query())
    }

    /// An equivalent `curl` command for people to copy. The token is never written into it:
    /// the header reads `$OS_TOKEN`, for the shell to fill in. Arguments are single-quoted,
    /// except the token header, which needs double quotes for the shell to expand it.
    pub fn curl_command(&self, base: &str) -> String {
        let mut lines = vec![format!(
            "curl -X {} {}",
            self.method.as_str(),
            shell_quote(&self.url(base))
        )];
        if self.service != Service::Identity {
            lines.push("-H \"X-Auth-Token: $OS_TOKEN\"".to_string());
        }
        lines.push(format!("-H {}", shell_quote("Accept: application/json")));
        if let Some(body) = &self.body {
            lines.push(format!(
                "-H {}",
                shell_quote("Content-Type: application/json")
            ));
            let json = serde_json::to_string_pretty(body).expect("JSON values always serialize");
            lines.push(format!("-d {}", shell_quote(&json)));
        }
        lines.join(" \\\n  ")
    }
}

/// `'…'` for a POSIX shell: a `'` inside becomes `'\''`.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

// ---- identity -----------------------------------------------------------------------------

/// `POST {identity}/v2.0/tokens`. The identity base is the host, without `/v2.0`.
pub fn issue_token(body: &TokenRequest) -> Request<TokenResponse> {
    Request::new(Service::Identity, Method::Post, "/v2.0/tokens".into()).with_body(body)
}

// ---- flavors ------------------------------------------------------------------------------

/// The documented flavor filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlavorQuery {
    /// GB.
    pub min_disk: Option<u64>,
    /// MB.
    pub min_ram: Option<u64>,
}

fn flavors<T>(path: &str, query: &FlavorQuery) -> Request<T> {
    Request::get(Service::Compute, path.into())
        .with_query("minDisk", query.min_disk)
        .with_query("minRam", query.min_ram)
}

/// `GET /flavors`.
pub fn list_flavors(query: &FlavorQuery) -> Request {
    flavors("/flavors", query)
}

/// `GET /flavors/detail`.
pub fn list_flavors_detail(query: &FlavorQuery) -> Request<FlavorList> {
    flavors("/flavors/detail", query)
}

/// `GET /flavors/{id}`.
pub fn show_flavor(id: &str) -> Request<FlavorEnvelope> {
    Request::get(Service::Compute, format!("/flavors/{}", segment(id)))
}

// ---- availability zones -------------------------------------------------------------------

/// `GET /os-availability-zone`.
pub fn list_availability_zones() -> Request<AvailabilityZoneList> {
    Request::get(Service::Compute, "/os-availability-zone".into())
}

// ---- key pairs ----------------------------------------------------------------------------

/// `GET /os-keypairs`.
pub fn list_keypairs() -> Request<KeypairList> {
    Request::get(Service::Compute, "/os-keypairs".into())
}

/// `GET /os-keypairs/{name}`.
pub fn show_keypair(name: &str) -> Request<KeypairEnvelope> {
    Request::get(Service::Compute, format!("/os-keypairs/{}", segment(name)))
}

/// `POST /os-keypairs`: creates a key pair, or imports one when `public_key` is set.
pub fn create_keypair(keypair: &NewKeypair) -> Request<KeypairEnvelope> {
    Request::new(Service::Compute, Method::Post, "/os-keypairs".into()).with_body(
        CreateKeypairRequest {
            keypair: keypair.clone(),
        },
    )
}

/// `DELETE /os-keypairs/{name}`.
pub fn delete_keypair(name: &str) -> Request {
    Request::new(
        Service::Compute,
        Method::Delete,
        format!("/os-keypairs/{}", segment(name)),
    )
}

// ---- servers ------------------------------------------------------------------------------

/// The documented server list filters and paging.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServerQuery {
    /// A regular expression, matched by the server.
    pub name: Option<String>,
    pub status: Option<String>,
    pub flavor: Option<String>,
    pub image: Option<String>,
    /// `yyyy-mm-ddThh:mm:ss` (a `Z` or offset is accepted too).
    pub changes_since: Option<String>,
    pub reservation_id: Option<String>,
    pub limit: Option<u32>,
    /// The id of the last server of the previous page.
    pub marker: Option<String>,
}

fn servers<T>(path: &str, q: &ServerQuery) -> Request<T> {
    Request::get(Service::Compute, path.into())
        .with_query("name", q.name.as_ref())
        .with_query("status", q.status.as_ref())
        .with_query("flavor", q.flavor.as_ref())
        .with_query("image", q.image.as_ref())
        .with_query("changes-since", q.changes_since.as_ref())
        .with_query("reservation_id", q.reservation_id.as_ref())
        .with_query("limit", q.limit)
        .with_query("marker", q.marker.as_ref())
}

/// `GET /servers`.
pub fn list_servers(query: &ServerQuery) -> Request<ServerList> {
    servers("/servers", query)
}

/// `GET /servers/detail`.
pub fn list_servers_detail(query: &ServerQuery) -> Request<ServerDetailList> {
    servers("/servers/detail", query)
}

/// `GET /servers/{id}`.
pub fn show_server(id: &str) -> Request<ServerEnvelope> {
    Request::get(Service::Compute, format!("/servers/{}", segment(id)))
}

/// `POST /servers`.
pub fn create_server(server: &CreateServer) -> Request {
    Request::new(Service::Compute, Method::Post, "/servers".into()).with_body(CreateServerRequest {
        server: server.clone(),
    })
}

/// `PUT /servers/{id}`.
pub fn update_server(id: &str, update: &UpdateServer) -> Request<ServerEnvelope> {
    Request::new(
        Service::Compute,
        Method::Put,
        format!("/servers/{}", segment(id)),
    )
    .with_body(UpdateServerRequest {
        server: update.clone(),
    })
}

/// `DELETE /servers/{id}`.
pub fn delete_server(id: &str) -> Request {
    Request::new(
        Service::Compute,
        Method::Delete,
        format!("/servers/{}", segment(id)),
    )
}

/// `POST /servers/{id}/action`.
pub fn server_action(id: &str, action: &ServerAction) -> Request {
    Request::new(
        Service::Compute,
        Method::Post,
        format!("/servers/{}/action", segment(id)),
    )
    .with_body(action)
}

// ---- volume attachments -------------------------------------------------------------------

/// `GET /servers/{id}/os-volume_attachments`.
pub fn list_volume_attachments(server_id: &str) -> Request<VolumeAttachmentList> {
    list_volume_attachments_page(server_id, None, None)
}

/// `GET /servers/{id}/os-volume_attachments?limit=&offset=`: one page of the attachments (the
/// guide documents both; `offset` counts from 0).
pub fn list_volume_attachments_page(
    server_id: &str,
    limit: Option<u32>,
    offset: Option<u32>,
) -> Request<VolumeAttachmentList> {
    Request::get(
        Service::Compute,
        format!("/servers/{}/os-volume_attachments", segment(server_id)),
    )
    .with_query("limit", limit)
    .with_query("offset", offset)
}

/// `GET /servers/{id}/os-volume_attachments/{volumeId}`.
pub fn show_volume_attachment(
    server_id: &str,
    volume_id: &str,
) -> Request<VolumeAttachmentEnvelope> {
    Request::get(
        Service::Compute,
        format!(
            "/servers/{}/os-volume_attachments/{}",
            segment(server_id),
            segment(volume_id)
        ),
    )
}

/// `POST /servers/{id}/os-volume_attachments`.
pub fn attach_volume(server_id: &str, attach: &AttachVolume) -> Request<VolumeAttachmentEnvelope> {
    Request::new(
        Service::Compute,
        Method::Post,
        format!("/servers/{}/os-volume_attachments", segment(server_id)),
    )
    .with_body(AttachVolumeRequest {
        volume_attachment: attach.clone(),
    })
}

/// `DELETE /servers/{id}/os-volume_attachments/{volumeId}`.
pub fn detach_volume(server_id: &str, volume_id: &str) -> Request {
    Request::new(
        Service::Compute,
        Method::Delete,
        format!(
            "/servers/{}/os-volume_attachments/{}",
            segment(server_id),
            segment(volume_id)
        ),
    )
}

// ---- the services around compute (read-only listings for pickers) -------------------------

/// `GET {image}/v2/images` (the catalog's image URL has no version).
pub fn list_images(limit: Option<u32>, marker: Option<&str>) -> Request<ImageList> {
    Request::get(Service::Image, "/v2/images".into())
        .with_query("limit", limit)
        .with_query("marker", marker)
}

/// `GET {network}/v2.0/networks`.
pub fn list_networks() -> Request<NetworkList> {
    Request::get(Service::Network, "/v2.0/networks".into())
}

/// `GET {network}/v2.0/subnets`.
pub fn list_subnets() -> Request<SubnetList> {
    Request::get(Service::Network, "/v2.0/subnets".into())
}

/// `GET {network}/v2.0/security-groups`.
pub fn list_security_groups() -> Request<SecurityGroupList> {
    Request::get(Service::Network, "/v2.0/security-groups".into())
}

/// `GET {volumev2}/volumes/detail` (the catalog's URL already ends in `/v2/{tenantId}`).
pub fn list_volumes() -> Request<VolumeList> {
    Request::get(Service::Volume, "/volumes/detail".into())
}

/// `GET {volumev2}/snapshots/detail`: the block storage snapshots (the wizard's snapshot source).
pub fn list_snapshots() -> Request<SnapshotList> {
    Request::get(Service::Volume, "/snapshots/detail".into())
}

/// The most ids [`list_images_by_id`] asks for at once (the URL stays well under 4 KB).
pub const IMAGE_ID_BATCH: usize = 40;

/// `GET {image}/v2/images?id=in:a,b,c&limit=N`: several images by id in one request
/// (Glance's `in:` operator). Ids that are gone or not visible are simply not listed.
pub fn list_images_by_id(ids: &[&str]) -> Request<ImageList> {
    let quoted: Vec<String> = ids
        .iter()
        // Glance splits on commas; an id is a UUID, so none is expected, but never let one
        // add a value of its own.
        .map(|id| id.replace(',', ""))
        .collect();
    Request::get(Service::Image, "/v2/images".into())
        .with_query("id", Some(format!("in:{}", quoted.join(","))))
        .with_query("limit", Some(ids.len().max(1)))
}

/// `GET {image}/v2/images/{id}`.
pub fn show_image(id: &str) -> Request<Image> {
    Request::get(Service::Image, format!("/v2/images/{}", segment(id)))
}

/// `GET {network}/v2.0/ports`, optionally of one network (for NICs given by port).
pub fn list_ports(network_id: Option<&str>) -> Request<PortList> {
    Request::get(Service::Network, "/v2.0/ports".into()).with_query("network_id", network_id)
}

/// `GET {volumev2}/types`: the block storage types (`General HDD`, `General SSD`).
pub fn list_volume_types() -> Request<VolumeTypeList> {
    Request::get(Service::Volume, "/types".into())
}

/// `GET /servers/{id}/metadata`.
pub fn server_metadata(id: &str) -> Request<MetadataEnvelope> {
    Request::get(
        Service::Compute,
        format!("/servers/{}/metadata", segment(id)),
    )
}

impl ServerQuery {
    /// The URL query keys, in the order they are written.
    pub const KEYS: [&'static str; 8] = [
        "name",
        "status",
        "flavor",
        "image",
        "changes-since",
        "reservation_id",
        "limit",
        "marker",
    ];

    /// Reads a query from URL query pairs (a bookmarked or shared view). Blank values and a
    /// `limit` that is not a positive number are ignored; unknown keys too.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut q = Self::default();
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let text = Some(value.to_string());
            match key {
                "name" => q.name = text,
                "status" => q.status = text,
                "flavor" => q.flavor = text,
                "image" => q.image = text,
                "changes-since" => q.changes_since = text,
                "reservation_id" => q.reservation_id = text,
                "limit" => q.limit = value.parse().ok().filter(|n| *n > 0),
                "marker" => q.marker = text,
                _ => {}
            }
        }
        q
    }

    /// The query as URL query pairs, only the values that are set.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let limit = self.limit.map(|n| n.to_string());
        let values = [
            self.name.as_ref(),
            self.status.as_ref(),
            self.flavor.as_ref(),
            self.image.as_ref(),
            self.changes_since.as_ref(),
            self.reservation_id.as_ref(),
            limit.as_ref(),
            self.marker.as_ref(),
        ];
        Self::KEYS
            .into_iter()
            .zip(values)
            .filter_map(|(k, v)| v.map(|v| (k, v.clone())))
            .collect()
    }

    /// Whether any filter (not paging) is set.
    pub fn has_filters(&self) -> bool {
        self.name.is_some()
            || self.status.is_some()
            || self.flavor.is_some()
            || self.image.is_some()
            || self.changes_since.is_some()
            || self.reservation_id.is_some()
    }
}

#[cfg(test)]
mod server_query_tests {
    use super::ServerQuery;

    #[test]
    fn pairs_round_trip() {
        let q = ServerQuery {
            name: Some("^web-".into()),
            status: Some("SHUTOFF".into()),
            changes_since: Some("2026-01-01T00:00:00Z".into()),
            limit: Some(3),
            marker: Some("abc".into()),
            ..Default::default()
        };
        let pairs = q.to_pairs();
        assert_eq!(
            pairs,
            vec![
                ("name", "^web-".to_string()),
                ("status", "SHUTOFF".to_string()),
                ("changes-since", "2026-01-01T00:00:00Z".to_string()),
                ("limit", "3".to_string()),
                ("marker", "abc".to_string()),
            ]
        );
        let back = ServerQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, q);
        assert!(back.has_filters());
    }

    #[test]
    fn blanks_bad_limits_and_unknown_keys_are_ignored() {
        let q = ServerQuery::from_pairs([
            ("name", "  "),
            ("limit", "0"),
            ("other", "x"),
            ("status", " ACTIVE "),
        ]);
        assert_eq!(
            q,
            ServerQuery {
                status: Some("ACTIVE".into()),
                ..Default::default()
            }
        );
        assert_eq!(ServerQuery::from_pairs([("limit", "ten")]).limit, None);
        assert!(!ServerQuery::default().has_filters());
        assert!(ServerQuery::default().to_pairs().is_empty());
    }
}
