//! Messages of the key pair manager, the flavor table and the zone list.

use super::lang::{Lang, Message};

/// Every message of the key pair, flavor and zone screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResourcesMsg {
    // key pair list and detail
    CreateKeypair,
    ImportKeypair,
    KeypairNameLabel,
    KeypairNameHint,
    PublicKeyLabel,
    PublicKeyHint,
    PublicKeyFile,
    SubmitCreate,
    SubmitImport,
    Creating,
    Importing,
    KeypairCreated,
    KeypairImported,
    PrivateKeyTitle,
    PrivateKeyWarning,
    DownloadPem,
    PrivateKeySaved,
    // key pairs generated in the browser
    GenerateKeypair,
    GenerateLocalNote,
    PassphraseLabel,
    PassphraseHint,
    PassphraseAgainLabel,
    PassphraseMismatch,
    SubmitGenerate,
    Generating,
    GenerateFailed,
    PrivateKeyLocalWarning,
    PrivateKeyEncrypted,
    PrivateKeyNotEncrypted,
    NameTaken,
    AllKeypairs,
    KeypairNotFound,
    CopyPublicKey,
    Copied,
    CopyFailed,
    ConfirmDeleteKeypair,
    ConfirmDeleteKeypairNote,
    Deleting,
    KeypairDeleted,
    // key pair rules
    NameRequired,
    NameTooLong,
    NameUnsafeChar,
    PublicKeyRequired,
    PublicKeySeveralLines,
    PublicKeyUnknownType,
    PublicKeyMissingBody,
    PublicKeyNotBase64,
    PublicKeyMalformed,
    PublicKeyTypeMismatch,
    FileTooLarge,
    FileUnreadable,
    // flavors
    FlavorFilters,
    MinDiskGb,
    MinRamMb,
    WholeNumber,
    NoFlavorMatches,
    SortAscending,
    SortDescending,
}

/// The table of [`ResourcesMsg`]: every message in every language, no wildcard.
pub fn tr_resources(lang: Lang, msg: ResourcesMsg) -> &'static str {
    use Lang::*;
    use ResourcesMsg::*;
    match (msg, lang) {
        (CreateKeypair, En) => "Create key pair",
        (CreateKeypair, Ko) => "키페어 생성",
        (CreateKeypair, Ja) => "キーペアを作成",
        (ImportKeypair, En) => "Import public key",
        (ImportKeypair, Ko) => "공개키 가져오기",
        (ImportKeypair, Ja) => "公開鍵をインポート",
        (KeypairNameLabel, En) => "Key pair name",
        (KeypairNameLabel, Ko) => "키페어 이름",
        (KeypairNameLabel, Ja) => "キーペア名",
        (KeypairNameHint, En) => {
            "Up to 255 characters: English letters, digits, spaces, '_', '-' and '.'."
        }
        (KeypairNameHint, Ko) => "영문자, 숫자, 공백, '_', '-', '.'로 최대 255자까지 입력할 수 있습니다.",
        (KeypairNameHint, Ja) => {
            "英字、数字、スペース、'_'、'-'、'.'で255文字まで入力できます。"
        }
        (PublicKeyLabel, En) => "Public key",
        (PublicKeyLabel, Ko) => "공개키",
        (PublicKeyLabel, Ja) => "公開鍵",
        (PublicKeyHint, En) => {
            "Paste one OpenSSH public key (ssh-rsa, ssh-ed25519 or ecdsa-sha2-nistp256/384/521), or read it from a .pub file."
        }
        (PublicKeyHint, Ko) => {
            "OpenSSH 공개키 하나(ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256/384/521)를 붙여 넣거나 .pub 파일에서 읽어 오세요."
        }
        (PublicKeyHint, Ja) => {
            "OpenSSHの公開鍵を1つ（ssh-rsa、ssh-ed25519、ecdsa-sha2-nistp256/384/521）貼り付けるか、.pubファイルから読み込んでください。"
        }
        (PublicKeyFile, En) => "Read from a file",
        (PublicKeyFile, Ko) => "파일에서 읽기",
        (PublicKeyFile, Ja) => "ファイルから読み込む",
        (SubmitCreate, En) => "Create",
        (SubmitCreate, Ko) => "생성",
        (SubmitCreate, Ja) => "作成",
        (SubmitImport, En) => "Import",
        (SubmitImport, Ko) => "가져오기",
        (SubmitImport, Ja) => "インポート",
        (Creating, En) => "Creating…",
        (Creating, Ko) => "생성 중…",
        (Creating, Ja) => "作成中…",
        (Importing, En) => "Importing…",
        (Importing, Ko) => "가져오는 중…",
        (Importing, Ja) => "インポート中…",
        (KeypairCreated, En) => "Key pair created:",
        (KeypairCreated, Ko) => "키페어를 생성했습니다:",
        (KeypairCreated, Ja) => "キーペアを作成しました：",
        (KeypairImported, En) => "Public key imported:",
        (KeypairImported, Ko) => "공개키를 가져왔습니다:",
        (KeypairImported, Ja) => "公開鍵をインポートしました：",
        (PrivateKeyTitle, En) => "Private key",
        (PrivateKeyTitle, Ko) => "비밀키",
        (PrivateKeyTitle, Ja) => "秘密鍵",
        (PrivateKeyWarning, En) => {
            "Save this private key now. It is shown only this once and cannot be fetched again: the service does not keep it. Keep the file secret; anyone who has it can sign in to instances that use this key pair."
        }
        (PrivateKeyWarning, Ko) => {
            "지금 이 비밀키를 저장하세요. 이번 한 번만 표시되며 다시 받을 수 없습니다(서비스에 보관되지 않습니다). 파일은 안전하게 보관하세요. 이 파일을 가진 사람은 누구나 이 키페어를 사용하는 인스턴스에 접속할 수 있습니다."
        }
        (PrivateKeyWarning, Ja) => {
            "今すぐこの秘密鍵を保存してください。表示されるのは今回限りで、後から取得することはできません（サービスには保管されません）。ファイルは厳重に管理してください。このファイルを持つ人は誰でも、このキーペアを使うインスタンスにログインできます。"
        }
        (DownloadPem, En) => "Download .pem",
        (DownloadPem, Ko) => ".pem 다운로드",
        (DownloadPem, Ja) => ".pemをダウンロード",
        (PrivateKeySaved, En) => "I have saved it",
        (PrivateKeySaved, Ko) => "저장했습니다",
        (PrivateKeySaved, Ja) => "保存しました",
        (GenerateKeypair, En) => "Generate in this browser",
        (GenerateKeypair, Ko) => "브라우저에서 생성",
        (GenerateKeypair, Ja) => "ブラウザで作成",
        (GenerateLocalNote, En) => {
            "An Ed25519 key pair is made here, in this browser. Only its public key is sent to the service; the private key never leaves this browser."
        }
        (GenerateLocalNote, Ko) => {
            "Ed25519 키페어를 이 브라우저에서 생성합니다. 서비스에는 공개키만 전송되며, 비밀키는 이 브라우저 밖으로 나가지 않습니다."
        }
        (GenerateLocalNote, Ja) => {
            "Ed25519のキーペアをこのブラウザで作成します。サービスに送信されるのは公開鍵のみで、秘密鍵がこのブラウザの外に出ることはありません。"
        }
        (PassphraseLabel, En) => "Passphrase (optional)",
        (PassphraseLabel, Ko) => "암호 문구(선택)",
        (PassphraseLabel, Ja) => "パスフレーズ（任意）",
        (PassphraseHint, En) => {
            "When given, the private key file is encrypted with it and asked for each time the key is used. Leave it empty for a file without encryption. It is not kept anywhere."
        }
        (PassphraseHint, Ko) => {
            "입력하면 비밀키 파일이 이 암호 문구로 암호화되며, 키를 사용할 때마다 입력해야 합니다. 비워 두면 암호화하지 않은 파일을 받습니다. 암호 문구는 어디에도 보관되지 않습니다."
        }
        (PassphraseHint, Ja) => {
            "入力すると秘密鍵ファイルがこのパスフレーズで暗号化され、鍵を使うたびに入力が必要になります。空欄の場合は暗号化されていないファイルになります。パスフレーズはどこにも保管されません。"
        }
        (PassphraseAgainLabel, En) => "Passphrase again",
        (PassphraseAgainLabel, Ko) => "암호 문구 확인",
        (PassphraseAgainLabel, Ja) => "パスフレーズ（確認）",
        (PassphraseMismatch, En) => "The two passphrases differ. Type the same passphrase twice.",
        (PassphraseMismatch, Ko) => "두 암호 문구가 다릅니다. 같은 암호 문구를 두 번 입력하세요.",
        (PassphraseMismatch, Ja) => {
            "2つのパスフレーズが一致しません。同じパスフレーズを2回入力してください。"
        }
        (SubmitGenerate, En) => "Generate",
        (SubmitGenerate, Ko) => "생성",
        (SubmitGenerate, Ja) => "作成",
        (Generating, En) => "Generating…",
        (Generating, Ko) => "생성 중…",
        (Generating, Ja) => "作成中…",
        (GenerateFailed, En) => "The key pair could not be made in this browser:",
        (GenerateFailed, Ko) => "이 브라우저에서 키페어를 생성하지 못했습니다:",
        (GenerateFailed, Ja) => "このブラウザでキーペアを作成できませんでした：",
        (PrivateKeyLocalWarning, En) => {
            "This private key was made in this browser and never left it: the service has only the public key. Save it now. It is shown only this once and cannot be fetched again. Keep the file secret; anyone who has it can sign in to instances that use this key pair."
        }
        (PrivateKeyLocalWarning, Ko) => {
            "이 비밀키는 이 브라우저에서 생성되었으며 브라우저 밖으로 전송되지 않았습니다(서비스에는 공개키만 있습니다). 지금 저장하세요. 이번 한 번만 표시되며 다시 받을 수 없습니다. 파일은 안전하게 보관하세요. 이 파일을 가진 사람은 누구나 이 키페어를 사용하는 인스턴스에 접속할 수 있습니다."
        }
        (PrivateKeyLocalWarning, Ja) => {
            "この秘密鍵はこのブラウザで作成され、ブラウザの外には送信されていません（サービスにあるのは公開鍵のみです）。今すぐ保存してください。表示されるのは今回限りで、後から取得することはできません。ファイルは厳重に管理してください。このファイルを持つ人は誰でも、このキーペアを使うインスタンスにログインできます。"
        }
        (PrivateKeyEncrypted, En) => "The file is encrypted with your passphrase.",
        (PrivateKeyEncrypted, Ko) => "파일은 입력한 암호 문구로 암호화되어 있습니다.",
        (PrivateKeyEncrypted, Ja) => "ファイルは入力したパスフレーズで暗号化されています。",
        (PrivateKeyNotEncrypted, En) => "The file is not encrypted (no passphrase was given).",
        (PrivateKeyNotEncrypted, Ko) => "파일은 암호화되어 있지 않습니다(암호 문구를 입력하지 않았습니다).",
        (PrivateKeyNotEncrypted, Ja) => {
            "ファイルは暗号化されていません（パスフレーズが入力されませんでした）。"
        }
        (NameTaken, En) => "A key pair with this name already exists. Choose another name.",
        (NameTaken, Ko) => "같은 이름의 키페어가 이미 있습니다. 다른 이름을 입력하세요.",
        (NameTaken, Ja) => "同じ名前のキーペアがすでに存在します。別の名前を入力してください。",
        (AllKeypairs, En) => "All key pairs",
        (AllKeypairs, Ko) => "키페어 목록",
        (AllKeypairs, Ja) => "キーペア一覧",
        (KeypairNotFound, En) => "This key pair does not exist (any more).",
        (KeypairNotFound, Ko) => "이 키페어는 존재하지 않습니다(삭제되었을 수 있습니다).",
        (KeypairNotFound, Ja) => "このキーペアは存在しません（削除された可能性があります）。",
        (CopyPublicKey, En) => "Copy",
        (CopyPublicKey, Ko) => "복사",
        (CopyPublicKey, Ja) => "コピー",
        (Copied, En) => "Copied",
        (Copied, Ko) => "복사했습니다",
        (Copied, Ja) => "コピーしました",
        (CopyFailed, En) => "Could not copy: select the text and copy it.",
        (CopyFailed, Ko) => "복사하지 못했습니다. 텍스트를 선택해 복사하세요.",
        (CopyFailed, Ja) => "コピーできませんでした。テキストを選択してコピーしてください。",
        (ConfirmDeleteKeypair, En) => "Delete the key pair",
        (ConfirmDeleteKeypair, Ko) => "다음 키페어를 삭제합니다:",
        (ConfirmDeleteKeypair, Ja) => "次のキーペアを削除します：",
        (ConfirmDeleteKeypairNote, En) => {
            "Instances that already use it keep working; it can no longer be chosen for new instances."
        }
        (ConfirmDeleteKeypairNote, Ko) => {
            "이미 이 키페어를 사용하는 인스턴스는 그대로 동작하지만, 새 인스턴스에는 더 이상 선택할 수 없습니다."
        }
        (ConfirmDeleteKeypairNote, Ja) => {
            "すでに使用しているインスタンスはそのまま動作しますが、新しいインスタンスには選択できなくなります。"
        }
        (Deleting, En) => "Deleting…",
        (Deleting, Ko) => "삭제 중…",
        (Deleting, Ja) => "削除中…",
        (KeypairDeleted, En) => "Key pair deleted:",
        (KeypairDeleted, Ko) => "키페어를 삭제했습니다:",
        (KeypairDeleted, Ja) => "キーペアを削除しました：",
        (NameRequired, En) => "Enter a key pair name.",
        (NameRequired, Ko) => "키페어 이름을 입력하세요.",
        (NameRequired, Ja) => "キーペア名を入力してください。",
        (NameTooLong, En) => "The name must be at most 255 characters. Characters now:",
        (NameTooLong, Ko) => "이름은 최대 255자입니다. 현재 글자 수:",
        (NameTooLong, Ja) => "名前は255文字以内です。現在の文字数：",
        (NameUnsafeChar, En) => {
            "Only English letters, digits, spaces, '_', '-' and '.' are allowed. Not allowed:"
        }
        (NameUnsafeChar, Ko) => "영문자, 숫자, 공백, '_', '-', '.'만 사용할 수 있습니다. 사용할 수 없는 문자:",
        (NameUnsafeChar, Ja) => {
            "使用できるのは英字、数字、スペース、'_'、'-'、'.'のみです。使用できない文字："
        }
        (PublicKeyRequired, En) => "Paste a public key or read one from a file.",
        (PublicKeyRequired, Ko) => "공개키를 붙여 넣거나 파일에서 읽어 오세요.",
        (PublicKeyRequired, Ja) => "公開鍵を貼り付けるか、ファイルから読み込んでください。",
        (PublicKeySeveralLines, En) => "Give exactly one public key, on one line.",
        (PublicKeySeveralLines, Ko) => "공개키는 한 줄로 하나만 입력하세요.",
        (PublicKeySeveralLines, Ja) => "公開鍵は1行で1つだけ入力してください。",
        (PublicKeyUnknownType, En) => {
            "Unsupported key type; use ssh-rsa, ssh-ed25519 or ecdsa-sha2-nistp256/384/521 (a private key must never be pasted here). Found:"
        }
        (PublicKeyUnknownType, Ko) => {
            "지원하지 않는 키 형식입니다. ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256/384/521을 사용하세요(비밀키는 여기에 붙여 넣지 마세요). 입력된 형식:"
        }
        (PublicKeyUnknownType, Ja) => {
            "対応していない鍵の種類です。ssh-rsa、ssh-ed25519、ecdsa-sha2-nistp256/384/521を使ってください（秘密鍵は貼り付けないでください）。入力された種類："
        }
        (PublicKeyMissingBody, En) => "The key data after the key type is missing.",
        (PublicKeyMissingBody, Ko) => "키 형식 뒤에 키 데이터가 없습니다.",
        (PublicKeyMissingBody, Ja) => "鍵の種類の後に鍵データがありません。",
        (PublicKeyNotBase64, En) => "The key data is not valid base64.",
        (PublicKeyNotBase64, Ko) => "키 데이터가 올바른 base64가 아닙니다.",
        (PublicKeyNotBase64, Ja) => "鍵データが正しいbase64ではありません。",
        (PublicKeyMalformed, En) => "The key data is not a complete OpenSSH public key.",
        (PublicKeyMalformed, Ko) => "키 데이터가 완전한 OpenSSH 공개키가 아닙니다.",
        (PublicKeyMalformed, Ja) => "鍵データが完全なOpenSSH公開鍵ではありません。",
        (PublicKeyTypeMismatch, En) => {
            "The key type in front does not match the type inside the key data:"
        }
        (PublicKeyTypeMismatch, Ko) => "앞에 적힌 키 형식과 키 데이터 안의 형식이 다릅니다:",
        (PublicKeyTypeMismatch, Ja) => "先頭の鍵の種類と鍵データ内の種類が一致しません：",
        (FileTooLarge, En) => "This file is too large to be a public key.",
        (FileTooLarge, Ko) => "공개키라고 보기에는 파일이 너무 큽니다.",
        (FileTooLarge, Ja) => "公開鍵としてはファイルが大きすぎます。",
        (FileUnreadable, En) => "The file could not be read as text.",
        (FileUnreadable, Ko) => "파일을 텍스트로 읽지 못했습니다.",
        (FileUnreadable, Ja) => "ファイルをテキストとして読み込めませんでした。",
        (FlavorFilters, En) => "Flavor filters",
        (FlavorFilters, Ko) => "인스턴스 타입 필터",
        (FlavorFilters, Ja) => "インスタンスタイプのフィルター",
        (MinDiskGb, En) => "Minimum root disk (GB)",
        (MinDiskGb, Ko) => "최소 루트 블록 스토리지(GB)",
        (MinDiskGb, Ja) => "最小ルートブロックストレージ（GB）",
        (MinRamMb, En) => "Minimum RAM (MB)",
        (MinRamMb, Ko) => "최소 RAM(MB)",
        (MinRamMb, Ja) => "最小RAM（MB）",
        (WholeNumber, En) => "Enter a whole number of zero or more, or leave it empty.",
        (WholeNumber, Ko) => "0 이상의 정수를 입력하거나 비워 두세요.",
        (WholeNumber, Ja) => "0以上の整数を入力するか、空欄にしてください。",
        (NoFlavorMatches, En) => "No flavor matches these filters.",
        (NoFlavorMatches, Ko) => "조건에 맞는 인스턴스 타입이 없습니다.",
        (NoFlavorMatches, Ja) => "条件に合うインスタンスタイプはありません。",
        (SortAscending, En) => "sorted ascending",
        (SortAscending, Ko) => "오름차순 정렬됨",
        (SortAscending, Ja) => "昇順で並べ替え済み",
        (SortDescending, En) => "sorted descending",
        (SortDescending, Ko) => "내림차순 정렬됨",
        (SortDescending, Ja) => "降順で並べ替え済み",
    }
}

impl Message for ResourcesMsg {
    fn text(self, lang: Lang) -> &'static str {
        tr_resources(lang, self)
    }
}
