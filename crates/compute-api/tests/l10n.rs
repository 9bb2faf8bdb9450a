//! The console's Korean and Japanese speak NHN Cloud's own terms (the L10N guide): no string of
//! the translation tables (`src/i18n/*.rs`) may use a term the guide replaced.
//!
//! The tables belong to the wasm crate; this test only reads their source, so it runs natively
//! with the rest of `compute-api`'s tests.

use std::fs;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    Ko,
    Ja,
}

/// One Korean or Japanese string literal of a translation table.
#[derive(Debug)]
struct Text {
    file: String,
    line: usize,
    /// The message of its match arm (`(OpStop, Ko) => …` gives `OpStop`), if it is in one.
    message: Option<String>,
    lang: Lang,
    text: String,
}

/// Where an old term is wrong.
enum Scope {
    /// Anywhere in a text.
    Anywhere,
    /// Anywhere, except as part of one of these phrases, which are right.
    Except(&'static [&'static str]),
    /// Only as the whole text (inside a longer text the word means something else).
    Whole,
    /// Only in these messages (elsewhere the word means something else).
    In(&'static [&'static str]),
    /// Only in this file of `src/i18n`.
    InFile(&'static str),
}

/// A term the guide replaced.
struct Old {
    lang: Lang,
    term: &'static str,
    /// The guide's numbered difference, or "table" / "style" for its term table and Style section.
    item: &'static str,
    why: &'static str,
    scope: Scope,
}

const fn old(lang: Lang, term: &'static str, item: &'static str, why: &'static str) -> Old {
    Old {
        lang,
        term,
        item,
        why,
        scope: Scope::Anywhere,
    }
}

const fn scoped(
    lang: Lang,
    term: &'static str,
    item: &'static str,
    why: &'static str,
    scope: Scope,
) -> Old {
    Old {
        lang,
        term,
        item,
        why,
        scope,
    }
}

/// The actions menu's messages: 작업 / 操作 there clashes with the task state.
const ACTIONS_MENU: &[&str] = &["Actions", "ColRowActions", "RowActionsFor"];

#[rustfmt::skip]
const OLD_TERMS: &[Old] = {
    use Lang::*;
    &[
        // Korean
        old(Ko, "플레이버", "1", "flavor is 인스턴스 타입"),
        scoped(Ko, "정지", "2", "stop is 중지 (일시 정지 = paused is right)", Scope::Except(&["일시 정지"])),
        old(Ko, "종료됨", "3", "power state off is 전원 꺼짐; NHN's 종료 means shelve"),
        old(Ko, "소프트 재부팅", "4", "soft reboot is 재시작"),
        old(Ko, "하드 재부팅", "4", "hard reboot is 강제 재시작"),
        old(Ko, "재부팅", "4", "reboot is 재시작 / 강제 재시작"),
        scoped(Ko, "타입 변경", "5", "resize is 인스턴스 타입 변경", Scope::Except(&["인스턴스 타입 변경"])),
        old(Ko, "볼륨", "6", "volume is 블록 스토리지"),
        old(Ko, "이 인스턴스는 {actual}입니다", "9", "a denial reads …상태에서만 할 수 있습니다(현재 상태: …)"),
        old(Ko, "기다려야 합니다", "9", "a denial reads …할 수 있습니다, not must wait"),
        old(Ko, "하십시오", "10", "sentences end in 하세요 / 합니다"),
        old(Ko, "조건에 맞는 타입이", "11", "\"No flavor matches\" has one translation: 조건에 맞는 인스턴스 타입이 없습니다"),
        scoped(Ko, "복사됨", "11", "\"Copied\" has one translation: 복사했습니다", Scope::Whole),
        old(Ko, "모든 키페어", "11", "\"All key pairs\" has one translation: 키페어 목록"),
        old(Ko, "개인 키", "12", "private key is 비밀키"),
        old(Ko, "개인키", "12", "private key is 비밀키"),
        old(Ko, "다시 가져올 수", "12", "가져오기 means import: 다시 받을 수 없습니다"),
        old(Ko, "안정될", "13", "settle is 상태가 확정될 때까지"),
        scoped(Ko, "서버", "14", "the create wizard says 인스턴스, never 서버", Scope::InFile("create.rs")),
        scoped(Ko, "메모리", "16", "the RAM column says RAM, as NHN's API docs do", Scope::Whole),
        old(Ko, "루트 디스크", "17", "root disk is 루트 블록 스토리지"),
        old(Ko, "부트 볼륨", "17", "boot volume is (블록 스토리지 부팅)"),
        old(Ko, "대상", "18", "destination is 위치"),
        old(Ko, "다른 인스턴스 생성", "20", "create another is 인스턴스 추가 생성, not a different one"),
        scoped(Ko, "작업", "21", "the actions menu is 추가 기능; 작업 is the task", Scope::In(ACTIONS_MENU)),
        old(Ko, "공개 키", "table", "public key is 공개키"),
        old(Ko, "보안 그룹 제거", "table", "remove security group is 보안 그룹 삭제"),
        old(Ko, "제거할 보안 그룹", "table", "remove security group is 보안 그룹 삭제"),
        scoped(Ko, "지문", "table", "fingerprint is 키페어 지문", Scope::Whole),
        old(Ko, "스냅샷", "table", "snapshot is 스냅숏 (NHN's first spelling)"),
        // Japanese
        old(Ja, "フレーバー", "1", "flavor is インスタンスタイプ"),
        scoped(Ja, "停止", "3", "power state off is 電源オフ (停止 is the Stop button)", Scope::In(&["PowerShutdown"])),
        old(Ja, "ソフト再起動", "4", "soft reboot is 再起動"),
        old(Ja, "ハード再起動", "4", "hard reboot is 強制再起動"),
        scoped(Ja, "タイプ変更", "5", "resize is インスタンスタイプ変更", Scope::Except(&["インスタンスタイプ変更"])),
        old(Ja, "ボリューム", "6", "volume is ブロックストレージ"),
        old(Ja, "切断", "7", "detach is 接続解除"),
        old(Ja, "サインイン", "8", "sign in is ログイン"),
        old(Ja, "サインアウト", "8", "sign out is ログアウト"),
        old(Ja, "このインスタンスは{actual}です", "9", "a denial reads …の状態でのみ実行できます（現在の状態：…）"),
        old(Ja, "待つ必要があります", "9", "a denial reads …実行できます, not must wait"),
        old(Ja, "条件に合うタイプが", "11", "\"No flavor matches\" has one translation: 条件に合うインスタンスタイプはありません"),
        old(Ja, "すべてのキーペア", "11", "\"All key pairs\" has one translation: キーペア一覧"),
        old(Ja, "安定するまで", "13", "settle is 状態が確定するまで"),
        scoped(Ja, "サーバー", "14", "the create wizard says インスタンス, never サーバー", Scope::InFile("create.rs")),
        old(Ja, "{n}件", "15", "instances are counted in 個"),
        old(Ja, "{n} 件", "15", "instances are counted in 個"),
        scoped(Ja, "メモリ", "16", "the RAM column says RAM, as NHN's API docs do", Scope::Whole),
        old(Ja, "ルートディスク", "17", "root disk is ルートブロックストレージ"),
        old(Ja, "ブートボリューム", "17", "boot volume is （ブロックストレージ起動）"),
        old(Ja, "配置先", "18", "destination is 位置"),
        old(Ja, "再読み込み", "19", "refresh is 更新 (as 自動更新, 最終更新)"),
        old(Ja, "別のインスタンス", "20", "create another is インスタンスを追加作成, not a different one"),
        scoped(Ja, "操作", "21", "the actions menu is 追加機能", Scope::In(ACTIONS_MENU)),
        old(Ja, "タスク", "table", "task state is 作業状態"),
        old(Ja, "フィンガープリント", "table", "fingerprint is キーペア指紋"),
        old(Ja, "フローティング", "table", "floating IP is Floating IP"),
        old(Ja, "アベイラビリティー", "table", "availability zone is アベイラビリティゾーン (NHN's first spelling)"),
        old(Ja, "(", "style", "Japanese uses full-width （）"),
        old(Ja, ")", "style", "Japanese uses full-width （）"),
        old(Ja, ":", "style", "Japanese uses a full-width ："),
        scoped(Ja, " ID", "style", "no space before ID in Japanese", Scope::Except(&["NHN Cloud ID"])),
    ]
};

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}')
}

fn is_japanese(c: char) -> bool {
    // Hiragana, Katakana and CJK ideographs (the tables' Korean never uses Hanja).
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

/// The message and language of the match arm `(Message, Ko) =>` that ends `code`, if any.
fn arm(code: &str) -> Option<(String, Option<Lang>)> {
    let (at, lang) = [
        (", Ko)", Some(Lang::Ko)),
        (", Ja)", Some(Lang::Ja)),
        (", En)", None),
    ]
    .into_iter()
    .filter_map(|(tag, lang)| code.rfind(tag).map(|at| (at, lang)))
    .max_by_key(|(at, _)| *at)?;
    let before = &code[..at];
    let name_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    let name = &before[name_start..];
    (!name.is_empty() && before[..name_start].ends_with('(')).then(|| (name.to_string(), lang))
}

/// Reads a string literal whose opening quote has been consumed; returns its value.
fn read_string(chars: &mut std::iter::Peekable<std::str::Chars>, line: &mut usize) -> String {
    let mut value = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' => break,
            '\\' => match chars.next() {
                Some('n') => value.push('\n'),
                Some('t') => value.push('\t'),
                Some('0') => value.push('\0'),
                Some('u') => {
                    let hex: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                    value.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                }
                Some('\n') => {
                    *line += 1;
                    while let Some(w) = chars.next_if(|c| c.is_whitespace()) {
                        *line += usize::from(w == '\n');
                    }
                }
                Some(other) => value.push(other),
                None => break,
            },
            _ => {
                *line += usize::from(c == '\n');
                value.push(c);
            }
        }
    }
    value
}

/// Every Korean or Japanese string literal of a Rust source, comments left out.
fn texts(file: &str, source: &str) -> Vec<Text> {
    let mut found = Vec::new();
    let mut chars = source.chars().peekable();
    let mut line = 1;
    // The code since the last literal, to find the match arm a literal belongs to.
    let mut code = String::new();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                        code.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut last = ' ';
                for c in chars.by_ref() {
                    line += usize::from(c == '\n');
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '\'' => {
                // A char literal ('"', '\'') or a lifetime ('static).
                let mut ahead = chars.clone();
                let is_char = match ahead.next() {
                    Some('\\') => true,
                    Some(_) => ahead.next() == Some('\''),
                    None => false,
                };
                if is_char {
                    if chars.next() == Some('\\') {
                        chars.next();
                    }
                    for c in chars.by_ref() {
                        if c == '\'' {
                            break;
                        }
                    }
                }
                code.push(c);
            }
            '"' => {
                let start = line;
                let value = read_string(&mut chars, &mut line);
                let arm = arm(&code);
                code.clear();
                let lang = match &arm {
                    Some((_, lang)) => *lang,
                    None if value.chars().any(is_hangul) => Some(Lang::Ko),
                    None if value.chars().any(is_japanese) => Some(Lang::Ja),
                    None => None,
                };
                if let Some(lang) = lang {
                    found.push(Text {
                        file: file.to_string(),
                        line: start,
                        message: arm.map(|(name, _)| name),
                        lang,
                        text: value,
                    });
                }
            }
            _ => {
                line += usize::from(c == '\n');
                code.push(c);
            }
        }
    }
    found
}

/// Whether `text` uses the old term where the guide replaced it.
fn uses(old: &Old, text: &Text) -> bool {
    if old.lang != text.lang {
        return false;
    }
    match &old.scope {
        Scope::Anywhere => text.text.contains(old.term),
        Scope::Whole => text.text == old.term,
        Scope::In(messages) => {
            text.message
                .as_deref()
                .is_some_and(|m| messages.contains(&m))
                && text.text.contains(old.term)
        }
        Scope::InFile(file) => text.file == *file && text.text.contains(old.term),
        Scope::Except(right) => text.text.match_indices(old.term).any(|(at, _)| {
            !right.iter().any(|phrase| {
                phrase.match_indices(old.term).any(|(offset, _)| {
                    at >= offset
                        && text
                            .text
                            .get(at - offset..)
                            .is_some_and(|rest| rest.starts_with(phrase))
                })
            })
        }),
    }
}

/// One line per use of an old term.
fn violations(texts: &[Text]) -> Vec<String> {
    let mut found = Vec::new();
    for text in texts {
        for old in OLD_TERMS.iter().filter(|old| uses(old, text)) {
            found.push(format!(
                "{}:{} {} ({:?}) {:?} uses {:?}: L10N {}: {}",
                text.file,
                text.line,
                text.message.as_deref().unwrap_or("-"),
                text.lang,
                text.text,
                old.term,
                old.item,
                old.why,
            ));
        }
    }
    found
}

fn i18n_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src/i18n")
}

fn console_texts() -> Vec<Text> {
    let mut files: Vec<PathBuf> = fs::read_dir(i18n_dir())
        .expect("src/i18n is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    files.sort();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for table in [
        "messages.rs",
        "create.rs",
        "instances.rs",
        "resources.rs",
        "session.rs",
    ] {
        assert!(
            names.contains(&table.to_string()),
            "{table} not found in {names:?}"
        );
    }
    files
        .iter()
        .zip(&names)
        .flat_map(|(path, name)| texts(name, &fs::read_to_string(path).expect("readable")))
        .collect()
}

#[test]
fn korean_and_japanese_use_nhn_terms() {
    let texts = console_texts();
    // The scan must see the tables, or it proves nothing.
    for lang in [Lang::Ko, Lang::Ja] {
        let in_arms = texts
            .iter()
            .filter(|t| t.lang == lang && t.message.is_some())
            .count();
        assert!(
            in_arms > 300,
            "only {in_arms} {lang:?} texts found in match arms"
        );
    }
    for file in [
        "messages.rs",
        "create.rs",
        "instances.rs",
        "resources.rs",
        "session.rs",
    ] {
        assert!(
            texts.iter().any(|t| t.file == file && t.lang == Lang::Ja),
            "no Japanese text found in {file}"
        );
    }
    // A rule for messages that no longer exist would pass silently.
    for old in OLD_TERMS {
        let present = |m: &&str| {
            texts
                .iter()
                .any(|t| t.lang == old.lang && t.message.as_deref() == Some(*m))
        };
        match &old.scope {
            Scope::In(messages) => assert!(
                messages.iter().all(present),
                "{:?}: a message of {messages:?} is gone",
                old.term
            ),
            Scope::InFile(file) => assert!(texts.iter().any(|t| t.file == *file), "{file} is gone"),
            _ => {}
        }
    }
    let found = violations(&texts);
    assert!(found.is_empty(), "old terms:\n{}", found.join("\n"));
}

#[test]
fn the_scan_catches_planted_old_terms_and_spares_the_right_ones() {
    let sample = r#"
        match (self, lang) {
            (OpStop, En) => "Stop (now): 정지",
            (OpStop, Ko) => "정지",
            (PowerPaused, Ko) => "일시 정지",
            (PausedThenStopped, Ko) => "일시 정지 후 정지",
            (PowerShutdown, Ja) => "停止",
            (OpStop, Ja) => "停止",
            (BulkWillSend, Ja) => "{n}件のインスタンスに送信します。",
            (NoMatchingFlavors, Ja) => "条件に合うインスタンスタイプはありません。",
            (ColTaskState, Ko) => "작업 상태",
            (Actions, Ko) => "작업",
            (ColRam, Ja) => "メモリ",
            (ConfirmHardReboot, Ja) => "保存されていないメモリ上のデータは失われます。",
            (OpResize, Ko) => "인스턴스 타입 변경",
            (Wordy, Ko) => {
                "긴 문장은 \"따옴표\"와 함께 입력하십시오"
            }
            (UserNameHint, Ja) => "NHN Cloud ID（メールアドレス）",
            (FilterImage, Ja) => "イメージ ID",
            // (Commented, Ko) => "볼륨",
            /* (Blocked, Ja) => "ボリューム", */
        }
        const QUOTE: char = '"';
        fn native_name() -> &'static str { "サインイン" }
    "#;
    let texts = texts("sample.rs", sample);
    let mut found: Vec<(String, &str)> = texts
        .iter()
        .flat_map(|t| {
            OLD_TERMS
                .iter()
                .filter(|old| uses(old, t))
                .map(|old| (t.message.clone().unwrap_or_default(), old.term))
        })
        .collect();
    found.sort();
    let mut expected: Vec<(String, &str)> = [
        ("OpStop", "정지"),
        ("PausedThenStopped", "정지"),
        ("PowerShutdown", "停止"),
        ("BulkWillSend", "{n}件"),
        ("Actions", "작업"),
        ("ColRam", "メモリ"),
        ("Wordy", "하십시오"),
        ("FilterImage", " ID"),
        ("", "サインイン"),
    ]
    .into_iter()
    .map(|(m, term)| (m.to_string(), term))
    .collect();
    expected.sort();
    assert_eq!(found, expected);
    // The line of a multi-line arm's text and an escaped quote are read right.
    let wordy = texts
        .iter()
        .find(|t| t.message.as_deref() == Some("Wordy"))
        .unwrap();
    assert_eq!(wordy.text, "긴 문장은 \"따옴표\"와 함께 입력하십시오");
    assert_eq!(wordy.line, 17);
    assert_eq!(violations(&texts).len(), expected.len());
}
