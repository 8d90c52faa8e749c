//! "An update is ready — reload": shown when the service worker has installed a new
//! deployment that waits for this page to reload.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UpdateBannerProps {
    pub on_reload: Callback<()>,
}

#[function_component(UpdateBanner)]
pub fn update_banner(props: &UpdateBannerProps) -> Html {
    let onclick = props.on_reload.reform(|_: MouseEvent| ());
    html! {
        <div class="update-banner" role="status" data-testid="update-ready">
            <span>{"An update is ready — reload to use it. · 新版本已就绪，重新加载即可使用。"}</span>
            <button class="primary" {onclick} data-testid="update-reload">{"Reload · 重新加载"}</button>
        </div>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[tokio::test]
    async fn renders_the_notice_and_a_reload_button() {
        let html =
            yew::LocalServerRenderer::<UpdateBanner>::with_props(UpdateBannerProps { on_reload: Callback::noop() })
                .render()
                .await;
        assert!(html.contains(r#"data-testid="update-ready""#), "{html}");
        assert!(html.contains("An update is ready"), "{html}");
        assert!(html.contains(r#"data-testid="update-reload""#), "{html}");
    }
}
