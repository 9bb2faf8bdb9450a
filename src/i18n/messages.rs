//! The console's shared messages: shell, sign-in, instances and their actions.
//!
//! Screens with many messages of their own keep them in their own module next to this one
//! (each an enum implementing [`Message`](super::lang::Message)), so the table stays readable.

use super::lang::{Lang, Message};

/// Every message of the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Msg {
    // shell
    AppName,
    SkipToContent,
    MainNavigation,
    NavInstances,
    NavKeypairs,
    NavFlavors,
    NavZones,
    Region,
    Language,
    SignOut,
    SessionExpires,
    SessionExpiryUnknown,
    SessionExpired,
    Tenant,
    PageNotFound,
    BackToInstances,
    // sign-in
    SignInTitle,
    SignInModes,
    ModePassword,
    ModeToken,
    TenantId,
    UserName,
    UserNameHint,
    ApiPassword,
    ApiPasswordHint,
    Token,
    ComputeEndpoint,
    ComputeEndpointHint,
    SignIn,
    SigningIn,
    FieldRequired,
    ConfigError,
    ReloginIntro,
    Cancel,
    // states
    Loading,
    Refresh,
    ErrorTitle,
    RequestId,
    TryAgainIn,
    StillWaiting,
    StopWaiting,
    OutcomeUnknown,
    TryAgainNow,
    // a route's code (its wasm chunk) that did not load
    PageLoadFailed,
    PartLoadFailed,
    PageLoadStillFailing,
    PageRetry,
    PageReload,
    RetryingIn,
    ServerAskedToWait,
    SessionExpiresSoon,
    RenewSession,
    NetworkError,
    DecodeError,
    NoInstances,
    NoKeypairs,
    NoFlavors,
    NoZones,
    // columns
    ColName,
    ColStatus,
    ColAddresses,
    ColFlavor,
    ColImage,
    ColKeypair,
    ColZone,
    ColCreated,
    ColTaskState,
    ColPowerState,
    ColFingerprint,
    ColKeyType,
    ColVcpus,
    ColRam,
    ColRootDisk,
    ColEphemeral,
    ColSwap,
    ColFlavorType,
    /// `rxtx_factor`.
    ColRxtxFactor,
    ColPublic,
    ColDisabled,
    ColAvailability,
    // values
    Fixed,
    Floating,
    BootFromVolume,
    Yes,
    No,
    Available,
    Unavailable,
    None,
    // detail
    Overview,
    Id,
    VmState,
    Updated,
    LaunchedAt,
    TerminatedAt,
    /// `OS-DCF:diskConfig`.
    DiskConfig,
    /// The resize dialog's disk config option that sends nothing.
    DiskConfigUnsent,
    DiskConfigHint,
    /// `NHN-EXT-ATTR:ephemeral_disk_size`.
    EphemeralDisk,
    HostId,
    UserId,
    Network,
    Address,
    IpVersion,
    IpType,
    MacAddress,
    SecurityGroups,
    AttachedVolumes,
    Metadata,
    Fault,
    FaultCode,
    FaultDetails,
    RawJson,
    PowerNoState,
    PowerRunning,
    PowerPaused,
    PowerShutdown,
    PowerCrashed,
    PowerSuspended,
    PowerUnknown,
    // instance actions
    OpStart,
    OpStop,
    OpRebootSoft,
    OpRebootHard,
    OpResize,
    OpCreateImage,
    OpAddSg,
    OpRemoveSg,
    OpAttachVolume,
    OpDetachVolume,
    OpRename,
    OpDelete,
    DeniedNeeds,
    DeniedNotWhile,
    DeniedBusy,
    DeniedNotU2,
    DeniedNoSg,
    DeniedNoVolumes,
    DeniedRootVolume,
    OrWord,
    Actions,
    ConfirmTitle,
    ConfirmDeleteInstance,
    ConfirmHardReboot,
    OkButton,
    NewFlavor,
    NoOtherFlavor,
    ImageName,
    MetadataKey,
    MetadataValue,
    AddMetadata,
    Remove,
    SecurityGroup,
    NewName,
    Save,
    FieldTooLong,
    FieldNotEnglish,
    ImageRequested,
    Following,
    Working,
    VolumeAttachments,
    Device,
    VolumeId,
    AttachmentId,
    NoAttachments,
    ConfirmDetach,
    Volume,
    QuickFilter,
    AutoRefresh,
    LastRefreshed,
    ServerFilters,
    FilterName,
    FilterStatus,
    /// Beside DELETED in the status filter.
    FilterDeletedNote,
    /// Under the status filter when DELETED is chosen without changes-since.
    FilterDeletedHint,
    FilterAnyStatus,
    FilterFlavor,
    FilterImage,
    FilterChangesSince,
    FilterReservation,
    FilterApply,
    FilterClear,
    PageSize,
    PageSizeAll,
    PageNext,
    PagePrev,
    SelectInstance,
    SelectAll,
    BulkNotAllowed,
    BulkWillSend,
    BulkTypeCount,
    BulkResults,
    BulkDone,
    Close,
}

/// The text of a message in a language.
pub fn tr(lang: Lang, msg: Msg) -> &'static str {
    use Lang::*;
    use Msg::*;
    match (msg, lang) {
        (SelectInstance, En) => "Select this instance",
        (SelectInstance, Ko) => "이 인스턴스 선택",
        (SelectInstance, Ja) => "このインスタンスを選択",

        (SelectAll, En) => "Select all",
        (SelectAll, Ko) => "모두 선택",
        (SelectAll, Ja) => "すべて選択",

        (BulkNotAllowed, En) => "Not sent to these instances:",
        (BulkNotAllowed, Ko) => "다음 인스턴스에는 보내지 않습니다:",
        (BulkNotAllowed, Ja) => "次のインスタンスには送信しません：",

        (BulkWillSend, En) => "Will be sent to {n} instance(s).",
        (BulkWillSend, Ko) => "{n}개 인스턴스에 보냅니다.",
        (BulkWillSend, Ja) => "{n}個のインスタンスに送信します。",

        (BulkTypeCount, En) => "Type the number of instances to delete ({n}) to confirm",
        (BulkTypeCount, Ko) => "확인을 위해 삭제할 인스턴스 수({n})를 입력하세요",
        (BulkTypeCount, Ja) => "確認のため削除するインスタンス数（{n}）を入力してください",

        (BulkResults, En) => "Results",
        (BulkResults, Ko) => "결과",
        (BulkResults, Ja) => "結果",

        (BulkDone, En) => "Done",
        (BulkDone, Ko) => "완료",
        (BulkDone, Ja) => "完了",

        (Close, En) => "Close",
        (Close, Ko) => "닫기",
        (Close, Ja) => "閉じる",

        (QuickFilter, En) => "Filter loaded instances",
        (QuickFilter, Ko) => "불러온 인스턴스 필터",
        (QuickFilter, Ja) => "読み込んだインスタンスを絞り込み",

        (AutoRefresh, En) => "Auto-refresh",
        (AutoRefresh, Ko) => "자동 새로 고침",
        (AutoRefresh, Ja) => "自動更新",

        (LastRefreshed, En) => "Last refreshed",
        (LastRefreshed, Ko) => "마지막 새로 고침",
        (LastRefreshed, Ja) => "最終更新",

        (ServerFilters, En) => "Server-side filters",
        (ServerFilters, Ko) => "서버 측 필터",
        (ServerFilters, Ja) => "サーバー側フィルター",

        (FilterName, En) => "Name (regular expression)",
        (FilterName, Ko) => "이름(정규식)",
        (FilterName, Ja) => "名前（正規表現）",

        (FilterStatus, En) => "Status",
        (FilterStatus, Ko) => "상태",
        (FilterStatus, Ja) => "ステータス",
        (FilterDeletedNote, En) => "(with changes-since)",
        (FilterDeletedNote, Ko) => "(changes-since와 함께)",
        (FilterDeletedNote, Ja) => "（changes-since と併用）",
        (FilterDeletedHint, En) => "The API lists deleted instances only with a changes-since time: set one too.",
        (FilterDeletedHint, Ko) => "API는 changes-since 시간을 함께 지정할 때만 삭제된 인스턴스를 반환합니다. 시간도 입력하세요.",
        (FilterDeletedHint, Ja) => "API は changes-since の時刻を併せて指定した場合のみ削除済みインスタンスを返します。時刻も入力してください。",

        (FilterAnyStatus, En) => "Any status",
        (FilterAnyStatus, Ko) => "모든 상태",
        (FilterAnyStatus, Ja) => "すべてのステータス",

        (FilterFlavor, En) => "Flavor ID",
        (FilterFlavor, Ko) => "인스턴스 타입 ID",
        (FilterFlavor, Ja) => "インスタンスタイプID",

        (FilterImage, En) => "Image ID",
        (FilterImage, Ko) => "이미지 ID",
        (FilterImage, Ja) => "イメージID",

        (FilterChangesSince, En) => "Changed since",
        (FilterChangesSince, Ko) => "변경 시각 이후",
        (FilterChangesSince, Ja) => "変更日時以降",

        (FilterReservation, En) => "Reservation ID",
        (FilterReservation, Ko) => "예약 ID",
        (FilterReservation, Ja) => "予約ID",

        (FilterApply, En) => "Apply filters",
        (FilterApply, Ko) => "필터 적용",
        (FilterApply, Ja) => "フィルターを適用",

        (FilterClear, En) => "Clear filters",
        (FilterClear, Ko) => "필터 지우기",
        (FilterClear, Ja) => "フィルターをクリア",

        (PageSize, En) => "Per page",
        (PageSize, Ko) => "페이지당",
        (PageSize, Ja) => "1ページあたり",

        (PageSizeAll, En) => "All",
        (PageSizeAll, Ko) => "전체",
        (PageSizeAll, Ja) => "すべて",

        (PageNext, En) => "Next page",
        (PageNext, Ko) => "다음 페이지",
        (PageNext, Ja) => "次のページ",

        (PagePrev, En) => "Previous page",
        (PagePrev, Ko) => "이전 페이지",
        (PagePrev, Ja) => "前のページ",

        (VolumeAttachments, En) => "Volume attachments",
        (VolumeAttachments, Ko) => "연결된 블록 스토리지",
        (VolumeAttachments, Ja) => "接続されたブロックストレージ",

        (Device, En) => "Device",
        (Device, Ko) => "장치",
        (Device, Ja) => "デバイス",

        (VolumeId, En) => "Volume ID",
        (VolumeId, Ko) => "블록 스토리지 ID",
        (VolumeId, Ja) => "ブロックストレージID",

        (AttachmentId, En) => "Attachment ID",
        (AttachmentId, Ko) => "연결 ID",
        (AttachmentId, Ja) => "接続ID",

        (NoAttachments, En) => "No volume is attached",
        (NoAttachments, Ko) => "연결된 블록 스토리지가 없습니다",
        (NoAttachments, Ja) => "接続されたブロックストレージはありません",

        (ConfirmDetach, En) => "Detach the volume {volume} from the instance {name}?",
        (ConfirmDetach, Ko) => "인스턴스 {name}에서 블록 스토리지 {volume}의 연결을 해제하시겠습니까?",
        (ConfirmDetach, Ja) => "インスタンス{name}からブロックストレージ{volume}を接続解除しますか？",

        (Volume, En) => "Volume",
        (Volume, Ko) => "블록 스토리지",
        (Volume, Ja) => "ブロックストレージ",

        (OpStart, En) => "Start",
        (OpStart, Ko) => "시작",
        (OpStart, Ja) => "起動",

        (OpStop, En) => "Stop",
        (OpStop, Ko) => "중지",
        (OpStop, Ja) => "停止",

        (OpRebootSoft, En) => "Soft reboot",
        (OpRebootSoft, Ko) => "재시작",
        (OpRebootSoft, Ja) => "再起動",

        (OpRebootHard, En) => "Hard reboot",
        (OpRebootHard, Ko) => "강제 재시작",
        (OpRebootHard, Ja) => "強制再起動",

        (OpResize, En) => "Resize",
        (OpResize, Ko) => "인스턴스 타입 변경",
        (OpResize, Ja) => "インスタンスタイプ変更",

        (OpCreateImage, En) => "Create image",
        (OpCreateImage, Ko) => "이미지 생성",
        (OpCreateImage, Ja) => "イメージ作成",

        (OpAddSg, En) => "Add security group",
        (OpAddSg, Ko) => "보안 그룹 추가",
        (OpAddSg, Ja) => "セキュリティグループ追加",

        (OpRemoveSg, En) => "Remove security group",
        (OpRemoveSg, Ko) => "보안 그룹 삭제",
        (OpRemoveSg, Ja) => "セキュリティグループ削除",

        (OpAttachVolume, En) => "Attach volume",
        (OpAttachVolume, Ko) => "블록 스토리지 연결",
        (OpAttachVolume, Ja) => "ブロックストレージ接続",

        (OpDetachVolume, En) => "Detach volume",
        (OpDetachVolume, Ko) => "블록 스토리지 연결 해제",
        (OpDetachVolume, Ja) => "ブロックストレージ接続解除",

        (OpRename, En) => "Rename",
        (OpRename, Ko) => "이름 변경",
        (OpRename, Ja) => "名前変更",

        (OpDelete, En) => "Delete",
        (OpDelete, Ko) => "삭제",
        (OpDelete, Ja) => "削除",

        (DeniedNeeds, En) => "{op} needs {needs}; this instance is {actual}",
        (DeniedNeeds, Ko) => "{op} 작업은 {needs} 상태에서만 할 수 있습니다(현재 상태: {actual})",
        (DeniedNeeds, Ja) => "{op}は{needs}の状態でのみ実行できます（現在の状態：{actual}）",

        (DeniedNotWhile, En) => "{op} is not possible while this instance is {actual}",
        (DeniedNotWhile, Ko) => "{op} 작업은 {actual} 상태에서는 할 수 없습니다",
        (DeniedNotWhile, Ja) => "{op}は{actual}の状態では実行できません",

        (DeniedBusy, En) => "{op} must wait: this instance is busy with the task {task}",
        (DeniedBusy, Ko) => "{op} 작업은 진행 중인 작업이 끝난 뒤에 할 수 있습니다(현재 작업: {task})",
        (DeniedBusy, Ja) => "{op}は実行中の作業が終わってから実行できます（現在の作業：{task}）",

        (DeniedNotU2, En) => "Create image through the compute API works only for U2 flavors; for other flavors create the image from the instance's block storage",
        (DeniedNotU2, Ko) => "Compute API로 이미지를 생성하는 기능은 U2 타입에서만 사용할 수 있습니다. 다른 타입은 인스턴스의 블록 스토리지에서 이미지를 생성하세요",
        (DeniedNotU2, Ja) => "Compute APIでのイメージ作成はU2タイプでのみ可能です。他のタイプはインスタンスのブロックストレージからイメージを作成してください",

        (DeniedNoSg, En) => "Remove security group needs a security group on this instance; it has none",
        (DeniedNoSg, Ko) => "삭제할 보안 그룹이 없습니다",
        (DeniedNoSg, Ja) => "削除できるセキュリティグループがありません",

        (DeniedNoVolumes, En) => "Detach volume needs an attached volume; this instance has none",
        (DeniedNoVolumes, Ko) => "연결 해제할 블록 스토리지가 없습니다",
        (DeniedNoVolumes, Ja) => "接続解除できるブロックストレージがありません",
        (DeniedRootVolume, En) => "The root volume cannot be detached: the instance boots from it",
        (DeniedRootVolume, Ko) => "루트 블록 스토리지는 인스턴스가 부팅하는 블록 스토리지이므로 연결 해제할 수 없습니다",
        (DeniedRootVolume, Ja) => "ルートブロックストレージはインスタンスの起動に使われるため、接続解除できません",

        (OrWord, En) => "or",
        (OrWord, Ko) => "또는",
        (OrWord, Ja) => "または",

        (Actions, En) => "Actions",
        (Actions, Ko) => "추가 기능",
        (Actions, Ja) => "追加機能",

        (ConfirmTitle, En) => "Please confirm",
        (ConfirmTitle, Ko) => "확인",
        (ConfirmTitle, Ja) => "確認",

        (ConfirmDeleteInstance, En) => "Delete the instance {name}? This cannot be undone.",
        (ConfirmDeleteInstance, Ko) => "인스턴스 {name}을(를) 삭제하시겠습니까? 되돌릴 수 없습니다.",
        (ConfirmDeleteInstance, Ja) => "インスタンス{name}を削除しますか？元に戻せません。",

        (ConfirmHardReboot, En) => "Hard reboot the instance {name}? Unsaved data in memory is lost.",
        (ConfirmHardReboot, Ko) => "인스턴스 {name}을(를) 강제 재시작하시겠습니까? 저장하지 않은 메모리의 데이터는 사라집니다.",
        (ConfirmHardReboot, Ja) => "インスタンス{name}を強制再起動しますか？保存されていないメモリ上のデータは失われます。",

        (OkButton, En) => "OK",
        (OkButton, Ko) => "확인",
        (OkButton, Ja) => "OK",

        (NewFlavor, En) => "New flavor",
        (NewFlavor, Ko) => "새 인스턴스 타입",
        (NewFlavor, Ja) => "新しいインスタンスタイプ",

        (NoOtherFlavor, En) => "No other flavor is available",
        (NoOtherFlavor, Ko) => "다른 인스턴스 타입이 없습니다",
        (NoOtherFlavor, Ja) => "他のインスタンスタイプがありません",

        (ImageName, En) => "Image name",
        (ImageName, Ko) => "이미지 이름",
        (ImageName, Ja) => "イメージ名",

        (MetadataKey, En) => "Key",
        (MetadataKey, Ko) => "키",
        (MetadataKey, Ja) => "キー",

        (MetadataValue, En) => "Value",
        (MetadataValue, Ko) => "값",
        (MetadataValue, Ja) => "値",

        (AddMetadata, En) => "Add metadata",
        (AddMetadata, Ko) => "메타데이터 추가",
        (AddMetadata, Ja) => "メタデータ追加",

        (Remove, En) => "Remove",
        (Remove, Ko) => "제거",
        (Remove, Ja) => "削除",

        (SecurityGroup, En) => "Security group",
        (SecurityGroup, Ko) => "보안 그룹",
        (SecurityGroup, Ja) => "セキュリティグループ",

        (NewName, En) => "New name",
        (NewName, Ko) => "새 이름",
        (NewName, Ja) => "新しい名前",

        (Save, En) => "Save",
        (Save, Ko) => "저장",
        (Save, Ja) => "保存",

        (FieldTooLong, En) => "At most {max} characters (it has {actual})",
        (FieldTooLong, Ko) => "최대 {max}자입니다(현재 {actual}자)",
        (FieldTooLong, Ja) => "最大{max}文字です（現在{actual}文字）",
        (FieldNotEnglish, En) => "English letters, digits, spaces and punctuation only (not “{char}”)",
        (FieldNotEnglish, Ko) => "영문자, 숫자, 공백, 문장 부호만 입력할 수 있습니다(“{char}” 불가)",
        (FieldNotEnglish, Ja) => "英字、数字、スペース、記号のみ入力できます（“{char}”は使用不可）",

        (ImageRequested, En) => "Image requested",
        (ImageRequested, Ko) => "이미지 생성 요청됨",
        (ImageRequested, Ja) => "イメージ作成を要求しました",

        (Following, En) => "Following the instance until it settles…",
        (Following, Ko) => "인스턴스의 상태가 확정될 때까지 확인 중…",
        (Following, Ja) => "インスタンスの状態が確定するまで確認中…",

        (Working, En) => "Working…",
        (Working, Ko) => "처리 중…",
        (Working, Ja) => "処理中…",

        (AppName, En) => "Compute Console",
        (AppName, Ko) => "Compute 콘솔",
        (AppName, Ja) => "Compute コンソール",

        (SkipToContent, En) => "Skip to content",
        (SkipToContent, Ko) => "본문으로 건너뛰기",
        (SkipToContent, Ja) => "本文へスキップ",

        (MainNavigation, En) => "Main navigation",
        (MainNavigation, Ko) => "주 메뉴",
        (MainNavigation, Ja) => "メインメニュー",

        (NavInstances, En) => "Instances",
        (NavInstances, Ko) => "인스턴스",
        (NavInstances, Ja) => "インスタンス",

        (NavKeypairs, En) => "Key pairs",
        (NavKeypairs, Ko) => "키페어",
        (NavKeypairs, Ja) => "キーペア",

        (NavFlavors, En) => "Flavors",
        (NavFlavors, Ko) => "인스턴스 타입",
        (NavFlavors, Ja) => "インスタンスタイプ",

        (NavZones, En) => "Availability zones",
        (NavZones, Ko) => "가용성 영역",
        (NavZones, Ja) => "アベイラビリティゾーン",

        (Region, En) => "Region",
        (Region, Ko) => "리전",
        (Region, Ja) => "リージョン",

        (Language, En) => "Language",
        (Language, Ko) => "언어",
        (Language, Ja) => "言語",

        (SignOut, En) => "Sign out",
        (SignOut, Ko) => "로그아웃",
        (SignOut, Ja) => "ログアウト",

        (SessionExpires, En) => "Session expires",
        (SessionExpires, Ko) => "세션 만료",
        (SessionExpires, Ja) => "セッション有効期限",

        (SessionExpiryUnknown, En) => "Session expiry unknown",
        (SessionExpiryUnknown, Ko) => "세션 만료 시각 알 수 없음",
        (SessionExpiryUnknown, Ja) => "セッション有効期限不明",

        (SessionExpired, En) => "Session expired",
        (SessionExpired, Ko) => "세션이 만료되었습니다",
        (SessionExpired, Ja) => "セッションの有効期限が切れました",

        (Tenant, En) => "Tenant",
        (Tenant, Ko) => "테넌트",
        (Tenant, Ja) => "テナント",

        (PageNotFound, En) => "This page does not exist.",
        (PageNotFound, Ko) => "존재하지 않는 페이지입니다.",
        (PageNotFound, Ja) => "このページは存在しません。",

        (BackToInstances, En) => "Back to instances",
        (BackToInstances, Ko) => "인스턴스 목록으로",
        (BackToInstances, Ja) => "インスタンス一覧へ戻る",

        (SignInTitle, En) => "Sign in",
        (SignInTitle, Ko) => "로그인",
        (SignInTitle, Ja) => "ログイン",

        (SignInModes, En) => "Sign-in method",
        (SignInModes, Ko) => "로그인 방식",
        (SignInModes, Ja) => "ログイン方法",

        (ModePassword, En) => "API password",
        (ModePassword, Ko) => "API 비밀번호",
        (ModePassword, Ja) => "APIパスワード",

        (ModeToken, En) => "Token",
        (ModeToken, Ko) => "토큰",
        (ModeToken, Ja) => "トークン",

        (TenantId, En) => "Tenant ID",
        (TenantId, Ko) => "테넌트 ID",
        (TenantId, Ja) => "テナントID",

        (UserName, En) => "User name",
        (UserName, Ko) => "사용자 이름",
        (UserName, Ja) => "ユーザー名",

        (UserNameHint, En) => "Your NHN Cloud ID (email address)",
        (UserNameHint, Ko) => "NHN Cloud ID(이메일 주소)",
        (UserNameHint, Ja) => "NHN Cloud ID（メールアドレス）",

        (ApiPassword, En) => "API password",
        (ApiPassword, Ko) => "API 비밀번호",
        (ApiPassword, Ja) => "APIパスワード",

        (ApiPasswordHint, En) => "Set in the Compute > Instance > API Endpoint settings",
        (ApiPasswordHint, Ko) => "Compute > Instance > API 엔드포인트 설정에서 지정한 비밀번호",
        (ApiPasswordHint, Ja) => "Compute > Instance > APIエンドポイント設定で指定したパスワード",

        (Token, En) => "Token",
        (Token, Ko) => "토큰",
        (Token, Ja) => "トークン",

        (ComputeEndpoint, En) => "Compute endpoint URL",
        (ComputeEndpoint, Ko) => "Compute 엔드포인트 URL",
        (ComputeEndpoint, Ja) => "ComputeエンドポイントURL",

        (ComputeEndpointHint, En) => "Including /v2/{tenantId}; {tenantId} is filled in",
        (ComputeEndpointHint, Ko) => "/v2/{tenantId}까지 포함해 입력하세요. {tenantId}는 자동으로 채워집니다",
        (ComputeEndpointHint, Ja) => "/v2/{tenantId} まで含めてください。{tenantId} は自動で置き換えられます",

        (SignIn, En) => "Sign in",
        (SignIn, Ko) => "로그인",
        (SignIn, Ja) => "ログイン",

        (SigningIn, En) => "Signing in…",
        (SigningIn, Ko) => "로그인 중…",
        (SigningIn, Ja) => "ログイン中…",

        (FieldRequired, En) => "Required",
        (FieldRequired, Ko) => "필수 항목입니다",
        (FieldRequired, Ja) => "必須項目です",

        (ConfigError, En) => "The runtime configuration (config.json) could not be read",
        (ConfigError, Ko) => "런타임 설정(config.json)을 읽을 수 없습니다",
        (ConfigError, Ja) => "ランタイム設定（config.json）を読み込めません",

        (ReloginIntro, En) => {
            "Your session has ended. Sign in again to continue: this page and what you entered stay as they are."
        }
        (ReloginIntro, Ko) => {
            "세션이 종료되었습니다. 계속하려면 다시 로그인하세요. 이 화면과 입력한 내용은 그대로 유지됩니다."
        }
        (ReloginIntro, Ja) => {
            "セッションが終了しました。続けるには再度ログインしてください。この画面と入力内容はそのまま保持されます。"
        }

        (Cancel, En) => "Cancel",
        (Cancel, Ko) => "취소",
        (Cancel, Ja) => "キャンセル",

        (Loading, En) => "Loading…",
        (Loading, Ko) => "불러오는 중…",
        (Loading, Ja) => "読み込み中…",

        (Refresh, En) => "Refresh",
        (Refresh, Ko) => "새로 고침",
        (Refresh, Ja) => "更新",

        (ErrorTitle, En) => "The request failed",
        (ErrorTitle, Ko) => "요청이 실패했습니다",
        (ErrorTitle, Ja) => "リクエストが失敗しました",

        (RequestId, En) => "Request ID",
        (RequestId, Ko) => "요청 ID",
        (RequestId, Ja) => "リクエストID",

        (TryAgainIn, En) => "The server asked to wait: you can try again in {n} s",
        (TryAgainIn, Ko) => "서버가 대기를 요청했습니다. {n}초 후에 다시 시도할 수 있습니다",
        (TryAgainIn, Ja) => "サーバーが待機を求めています。{n}秒後に再試行できます",

        (OutcomeUnknown, En) => "The request may or may not have been carried out: check before sending it again",
        (OutcomeUnknown, Ko) => "요청이 처리되었는지 알 수 없습니다. 다시 보내기 전에 확인하세요",
        (OutcomeUnknown, Ja) => "リクエストが実行されたかどうか分かりません。再送信する前に確認してください",

        (StillWaiting, En) => "Still waiting for the server ({n} s)",
        (StillWaiting, Ko) => "서버의 응답을 기다리는 중입니다({n}초)",
        (StillWaiting, Ja) => "サーバーの応答を待っています（{n}秒）",

        (StopWaiting, En) => "Stop waiting",
        (StopWaiting, Ko) => "대기 중지",
        (StopWaiting, Ja) => "待機を中止",

        (TryAgainNow, En) => "You can try again now",
        (TryAgainNow, Ko) => "이제 다시 시도할 수 있습니다",
        (TryAgainNow, Ja) => "今すぐ再試行できます",

        (PageLoadFailed, En) => "This page could not be loaded. The connection may have dropped.",
        (PageLoadFailed, Ko) => "이 페이지를 불러오지 못했습니다. 연결이 끊겼을 수 있습니다.",
        (PageLoadFailed, Ja) => "このページを読み込めませんでした。接続が切れた可能性があります。",

        (PartLoadFailed, En) => "This part of the console could not be loaded. The connection may have dropped.",
        (PartLoadFailed, Ko) => "콘솔의 이 부분을 불러오지 못했습니다. 연결이 끊겼을 수 있습니다.",
        (PartLoadFailed, Ja) => "コンソールのこの部分を読み込めませんでした。接続が切れた可能性があります。",

        (PageLoadStillFailing, En) => "It still could not be loaded. If the console was updated since this tab opened, reload it.",
        (PageLoadStillFailing, Ko) => "여전히 불러오지 못했습니다. 이 탭을 연 뒤 콘솔이 업데이트되었다면 새로 고침하세요.",
        (PageLoadStillFailing, Ja) => "まだ読み込めません。このタブを開いた後にコンソールが更新された場合は、ページを更新してください。",

        (PageRetry, En) => "Try again",
        (PageRetry, Ko) => "다시 시도",
        (PageRetry, Ja) => "再試行",

        (PageReload, En) => "Reload the console",
        (PageReload, Ko) => "콘솔 새로 고침",
        (PageReload, Ja) => "ページを更新",

        (RetryingIn, En) => "The server answered HTTP {status}: trying again in {n} s",
        (RetryingIn, Ko) => "서버가 HTTP {status}로 응답했습니다. {n}초 후 다시 시도합니다",
        (RetryingIn, Ja) => "サーバーがHTTP {status}を返しました。{n}秒後に再試行します",

        (ServerAskedToWait, En) => "The server asked to wait (HTTP {status}): trying again in {n} s",
        (ServerAskedToWait, Ko) => "서버가 대기를 요청했습니다(HTTP {status}). {n}초 후 다시 시도합니다",
        (ServerAskedToWait, Ja) => "サーバーが待機を求めています（HTTP {status}）。{n}秒後に再試行します",

        (SessionExpiresSoon, En) => "Session expires in {n} min",
        (SessionExpiresSoon, Ko) => "세션이 {n}분 후 만료됩니다",
        (SessionExpiresSoon, Ja) => "セッションはあと{n}分で期限切れです",

        (RenewSession, En) => "Sign in again",
        (RenewSession, Ko) => "다시 로그인",
        (RenewSession, Ja) => "再ログイン",

        (NetworkError, En) => "The server could not be reached (network or CORS)",
        (NetworkError, Ko) => "서버에 연결할 수 없습니다(네트워크 또는 CORS)",
        (NetworkError, Ja) => "サーバーに接続できません（ネットワークまたはCORS）",

        (DecodeError, En) => "The response could not be read",
        (DecodeError, Ko) => "응답을 해석할 수 없습니다",
        (DecodeError, Ja) => "レスポンスを解析できません",

        (NoInstances, En) => "No instances in this region.",
        (NoInstances, Ko) => "이 리전에 인스턴스가 없습니다.",
        (NoInstances, Ja) => "このリージョンにインスタンスはありません。",

        (NoKeypairs, En) => "No key pairs.",
        (NoKeypairs, Ko) => "키페어가 없습니다.",
        (NoKeypairs, Ja) => "キーペアはありません。",

        (NoFlavors, En) => "No flavors.",
        (NoFlavors, Ko) => "인스턴스 타입이 없습니다.",
        (NoFlavors, Ja) => "インスタンスタイプはありません。",

        (NoZones, En) => "No availability zones.",
        (NoZones, Ko) => "가용성 영역이 없습니다.",
        (NoZones, Ja) => "アベイラビリティゾーンはありません。",

        (ColName, En) => "Name",
        (ColName, Ko) => "이름",
        (ColName, Ja) => "名前",

        (ColStatus, En) => "Status",
        (ColStatus, Ko) => "상태",
        (ColStatus, Ja) => "ステータス",

        (ColAddresses, En) => "Addresses",
        (ColAddresses, Ko) => "IP 주소",
        (ColAddresses, Ja) => "IPアドレス",

        (ColFlavor, En) => "Flavor",
        (ColFlavor, Ko) => "인스턴스 타입",
        (ColFlavor, Ja) => "インスタンスタイプ",

        (ColImage, En) => "Image",
        (ColImage, Ko) => "이미지",
        (ColImage, Ja) => "イメージ",

        (ColKeypair, En) => "Key pair",
        (ColKeypair, Ko) => "키페어",
        (ColKeypair, Ja) => "キーペア",

        (ColZone, En) => "Availability zone",
        (ColZone, Ko) => "가용성 영역",
        (ColZone, Ja) => "アベイラビリティゾーン",

        (ColCreated, En) => "Created",
        (ColCreated, Ko) => "생성 일시",
        (ColCreated, Ja) => "作成日時",

        (ColTaskState, En) => "Task state",
        (ColTaskState, Ko) => "작업 상태",
        (ColTaskState, Ja) => "作業状態",

        (ColPowerState, En) => "Power state",
        (ColPowerState, Ko) => "전원 상태",
        (ColPowerState, Ja) => "電源状態",

        (ColFingerprint, En) => "Fingerprint",
        (ColFingerprint, Ko) => "키페어 지문",
        (ColFingerprint, Ja) => "キーペア指紋",

        (ColKeyType, En) => "Type",
        (ColKeyType, Ko) => "유형",
        (ColKeyType, Ja) => "種類",

        (ColVcpus, En) => "vCPUs",
        (ColVcpus, Ko) => "vCPU",
        (ColVcpus, Ja) => "vCPU",

        (ColRam, En) => "RAM",
        (ColRam, Ko) => "RAM",
        (ColRam, Ja) => "RAM",

        (ColRootDisk, En) => "Root disk",
        (ColRootDisk, Ko) => "루트 블록 스토리지",
        (ColRootDisk, Ja) => "ルートブロックストレージ",

        (ColEphemeral, En) => "Ephemeral",
        (ColEphemeral, Ko) => "임시 디스크",
        (ColEphemeral, Ja) => "一時ディスク",

        (ColSwap, En) => "Swap",
        (ColSwap, Ko) => "스왑",
        (ColSwap, Ja) => "スワップ",

        (ColFlavorType, En) => "Type",
        (ColFlavorType, Ko) => "유형",
        (ColFlavorType, Ja) => "種類",
        (ColRxtxFactor, En) => "Bandwidth factor",
        (ColRxtxFactor, Ko) => "대역폭 비율",
        (ColRxtxFactor, Ja) => "帯域幅係数",

        (ColPublic, En) => "Public",
        (ColPublic, Ko) => "공개",
        (ColPublic, Ja) => "公開",

        (ColDisabled, En) => "Disabled",
        (ColDisabled, Ko) => "비활성",
        (ColDisabled, Ja) => "無効",

        (ColAvailability, En) => "Availability",
        (ColAvailability, Ko) => "사용 가능 여부",
        (ColAvailability, Ja) => "利用可否",

        (Fixed, En) => "fixed",
        (Fixed, Ko) => "고정",
        (Fixed, Ja) => "固定",

        (Floating, En) => "floating",
        (Floating, Ko) => "플로팅",
        (Floating, Ja) => "Floating",

        (BootFromVolume, En) => "(boot volume)",
        (BootFromVolume, Ko) => "(블록 스토리지 부팅)",
        (BootFromVolume, Ja) => "（ブロックストレージ起動）",

        (Yes, En) => "Yes",
        (Yes, Ko) => "예",
        (Yes, Ja) => "はい",

        (No, En) => "No",
        (No, Ko) => "아니요",
        (No, Ja) => "いいえ",

        (Available, En) => "Available",
        (Available, Ko) => "사용 가능",
        (Available, Ja) => "利用可能",

        (Unavailable, En) => "Unavailable",
        (Unavailable, Ko) => "사용 불가",
        (Unavailable, Ja) => "利用不可",

        (None, En) => "None",
        (None, Ko) => "없음",
        (None, Ja) => "なし",

        (Overview, En) => "Overview",
        (Overview, Ko) => "개요",
        (Overview, Ja) => "概要",

        (Id, En) => "ID",
        (Id, Ko) => "ID",
        (Id, Ja) => "ID",

        (VmState, En) => "VM state",
        (VmState, Ko) => "VM 상태",
        (VmState, Ja) => "VM状態",

        (Updated, En) => "Updated",
        (Updated, Ko) => "수정 일시",
        (Updated, Ja) => "更新日時",

        (LaunchedAt, En) => "Launched",
        (LaunchedAt, Ko) => "시작 일시",
        (LaunchedAt, Ja) => "起動日時",
        (TerminatedAt, En) => "Terminated",
        (TerminatedAt, Ko) => "삭제 일시",
        (TerminatedAt, Ja) => "削除日時",
        (DiskConfig, En) => "Disk config",
        (DiskConfig, Ko) => "디스크 구성",
        (DiskConfig, Ja) => "ディスク構成",
        (DiskConfigUnsent, En) => "Not sent (the API's default)",
        (DiskConfigUnsent, Ko) => "보내지 않음(API 기본값)",
        (DiskConfigUnsent, Ja) => "送信しない（APIの既定値）",
        (DiskConfigHint, En) => "AUTO makes the whole disk one partition; MANUAL keeps the image's partitions and leaves extra space unused. NHN Cloud uses MANUAL.",
        (DiskConfigHint, Ko) => "AUTO는 디스크 전체를 하나의 파티션으로 만들고, MANUAL은 이미지의 파티션을 유지하며 남는 공간은 사용하지 않습니다. NHN Cloud는 MANUAL을 사용합니다.",
        (DiskConfigHint, Ja) => "AUTO はディスク全体を1つのパーティションにし、MANUAL はイメージのパーティションを保ち、余った領域は使用しません。NHN Cloud は MANUAL を使用します。",
        (EphemeralDisk, En) => "Additional local disk",
        (EphemeralDisk, Ko) => "추가 로컬 디스크",
        (EphemeralDisk, Ja) => "追加ローカルディスク",

        (HostId, En) => "Host ID",
        (HostId, Ko) => "호스트 ID",
        (HostId, Ja) => "ホストID",

        (UserId, En) => "User ID",
        (UserId, Ko) => "사용자 ID",
        (UserId, Ja) => "ユーザーID",

        (Network, En) => "Network",
        (Network, Ko) => "네트워크",
        (Network, Ja) => "ネットワーク",

        (Address, En) => "Address",
        (Address, Ko) => "주소",
        (Address, Ja) => "アドレス",

        (IpVersion, En) => "IP version",
        (IpVersion, Ko) => "IP 버전",
        (IpVersion, Ja) => "IPバージョン",

        (IpType, En) => "Type",
        (IpType, Ko) => "유형",
        (IpType, Ja) => "種類",

        (MacAddress, En) => "MAC address",
        (MacAddress, Ko) => "MAC 주소",
        (MacAddress, Ja) => "MACアドレス",

        (SecurityGroups, En) => "Security groups",
        (SecurityGroups, Ko) => "보안 그룹",
        (SecurityGroups, Ja) => "セキュリティグループ",

        (AttachedVolumes, En) => "Attached volumes",
        (AttachedVolumes, Ko) => "연결된 블록 스토리지",
        (AttachedVolumes, Ja) => "接続されたブロックストレージ",

        (Metadata, En) => "Metadata",
        (Metadata, Ko) => "메타데이터",
        (Metadata, Ja) => "メタデータ",

        (Fault, En) => "Fault",
        (Fault, Ko) => "오류 정보",
        (Fault, Ja) => "障害情報",

        (FaultCode, En) => "Code",
        (FaultCode, Ko) => "코드",
        (FaultCode, Ja) => "コード",

        (FaultDetails, En) => "Details",
        (FaultDetails, Ko) => "상세",
        (FaultDetails, Ja) => "詳細",

        (RawJson, En) => "Raw JSON",
        (RawJson, Ko) => "원본 JSON",
        (RawJson, Ja) => "元のJSON",

        (PowerNoState, En) => "No state",
        (PowerNoState, Ko) => "상태 없음",
        (PowerNoState, Ja) => "状態なし",

        (PowerRunning, En) => "Running",
        (PowerRunning, Ko) => "실행 중",
        (PowerRunning, Ja) => "実行中",

        (PowerPaused, En) => "Paused",
        (PowerPaused, Ko) => "일시 정지",
        (PowerPaused, Ja) => "一時停止",

        (PowerShutdown, En) => "Shut down",
        (PowerShutdown, Ko) => "전원 꺼짐",
        (PowerShutdown, Ja) => "電源オフ",

        (PowerCrashed, En) => "Crashed",
        (PowerCrashed, Ko) => "비정상 종료",
        (PowerCrashed, Ja) => "クラッシュ",

        (PowerSuspended, En) => "Suspended",
        (PowerSuspended, Ko) => "일시 중단",
        (PowerSuspended, Ja) => "サスペンド",

        (PowerUnknown, En) => "Unknown",
        (PowerUnknown, Ko) => "알 수 없음",
        (PowerUnknown, Ja) => "不明",
    }
}

impl Message for Msg {
    fn text(self, lang: Lang) -> &'static str {
        tr(lang, self)
    }
}
