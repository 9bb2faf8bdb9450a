//! Messages of the session: where it is kept, the hand-over between tabs and from an
//! embedding page, the idle timeout and the same-user re-login.

use super::lang::{Lang, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SessionMsg {
    /// Shown while a new tab waits for the console's other tabs.
    SigningInFromAnotherTab,
    /// The sign-in card, `sessionPersistence: "tab"`.
    KeptInThisTab,
    /// The sign-in card, `sessionPersistence: "memory"`.
    KeptInMemory,
    /// On the sign-in page after the idle timeout; `{n}` is minutes.
    EndedIdle,
    EndedElsewhere,
    /// The warning before the idle sign-out; `{n}` is seconds.
    IdleWarning,
    StaySignedIn,
    /// In the re-login dialog: a full sign-out.
    SignInAsSomeoneElse,
    /// The re-login dialog was given (or answered with) another tenant or user.
    ReloginSameUserOnly,
    /// Before an embedding page's hand-over error.
    HandOverFailed,
    /// The signed-in user in the top bar (for screen readers).
    SignedInAs,
}

impl Message for SessionMsg {
    fn text(self, lang: Lang) -> &'static str {
        use Lang::*;
        use SessionMsg::*;
        match (self, lang) {
            (SigningInFromAnotherTab, En) => "Signing in from another tab…",
            (SigningInFromAnotherTab, Ko) => "다른 탭의 세션으로 로그인하는 중…",
            (SigningInFromAnotherTab, Ja) => "別のタブのセッションでログインしています…",
            (KeptInThisTab, En) => {
                "You stay signed in in this tab, across reloads, until you sign out or the session ends."
            }
            (KeptInThisTab, Ko) => {
                "로그아웃하거나 세션이 끝날 때까지 이 탭에서는 새로 고침해도 로그인 상태가 유지됩니다."
            }
            (KeptInThisTab, Ja) => {
                "ログアウトするかセッションが終了するまで、このタブでは更新してもログインしたままです。"
            }
            (KeptInMemory, En) => {
                "The session is kept in memory only: reloading or closing the tab signs you out."
            }
            (KeptInMemory, Ko) => {
                "세션은 메모리에만 보관됩니다. 새로 고치거나 탭을 닫으면 로그아웃됩니다."
            }
            (KeptInMemory, Ja) => {
                "セッションはメモリにのみ保持されます。更新するかタブを閉じるとログアウトします。"
            }
            (EndedIdle, En) => "You were signed out after {n} min without activity.",
            (EndedIdle, Ko) => "{n}분 동안 사용하지 않아 로그아웃되었습니다.",
            (EndedIdle, Ja) => "{n}分間操作がなかったため、ログアウトしました。",
            (EndedElsewhere, En) => "You signed out in another tab.",
            (EndedElsewhere, Ko) => "다른 탭에서 로그아웃했습니다.",
            (EndedElsewhere, Ja) => "別のタブでログアウトしました。",
            (IdleWarning, En) => "No activity: every tab signs out in {n} s.",
            (IdleWarning, Ko) => "사용하지 않아 {n}초 후 모든 탭에서 로그아웃됩니다.",
            (IdleWarning, Ja) => "操作がないため、{n}秒後にすべてのタブでログアウトします。",
            (StaySignedIn, En) => "Stay signed in",
            (StaySignedIn, Ko) => "로그인 유지",
            (StaySignedIn, Ja) => "ログインを続ける",
            (SignInAsSomeoneElse, En) => "Sign in as someone else",
            (SignInAsSomeoneElse, Ko) => "다른 사용자로 로그인",
            (SignInAsSomeoneElse, Ja) => "別のユーザーでログイン",
            (ReloginSameUserOnly, En) => {
                "This dialog signs in again as the same user of the same tenant. To use another account, sign out first."
            }
            (ReloginSameUserOnly, Ko) => {
                "이 창에서는 같은 테넌트의 같은 사용자로만 다시 로그인할 수 있습니다. 다른 계정을 사용하려면 먼저 로그아웃하세요."
            }
            (ReloginSameUserOnly, Ja) => {
                "このダイアログでは同じテナントの同じユーザーでのみ再ログインできます。別のアカウントを使うには、先にログアウトしてください。"
            }
            (HandOverFailed, En) => "The session from the embedding page could not be used.",
            (HandOverFailed, Ko) => "이 콘솔을 포함한 페이지의 세션을 사용할 수 없습니다.",
            (HandOverFailed, Ja) => "埋め込み元ページのセッションを使用できませんでした。",
            (SignedInAs, En) => "Signed in as",
            (SignedInAs, Ko) => "로그인 사용자",
            (SignedInAs, Ja) => "ログインユーザー",
        }
    }
}
