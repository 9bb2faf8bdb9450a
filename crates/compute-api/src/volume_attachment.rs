//! Volume attachments: `/servers/{id}/os-volume_attachments`.

use serde::{Deserialize, Serialize};

/// One attachment. `id` is the attachment id (equal to the volume id in Nova's v2 base).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolumeAttachment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "volumeId")]
    pub volume_id: String,
    #[serde(rename = "serverId", default, skip_serializing_if = "Option::is_none")]
    pub server_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
}

/// `{"volumeAttachments": […]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolumeAttachmentList {
    #[serde(rename = "volumeAttachments")]
    pub volume_attachments: Vec<VolumeAttachment>,
}

/// `{"volumeAttachment": {…}}`: show and attach answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolumeAttachmentEnvelope {
    #[serde(rename = "volumeAttachment")]
    pub volume_attachment: VolumeAttachment,
}

/// `POST …/os-volume_attachments`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttachVolumeRequest {
    #[serde(rename = "volumeAttachment")]
    pub volume_attachment: AttachVolume,
}

/// The `volumeAttachment` of an attach request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttachVolume {
    #[serde(rename = "volumeId")]
    pub volume_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
}
