import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { TrackerDataButton } from '../../components/TrackerDataButton';
import { TrackerPanel } from '../../components/TrackerPanel';
import { FollowLanguage } from '../../components/i18n/FollowLanguage';
import type { LanguageStore } from '../../lib/stores/language-store';
import type { PanelStore } from '../../lib/stores/panel-store';
import '../../components/tracker.css';
import { refuseUntrustedInput } from './trusted-input';

export interface MountedUi {
  remove(): void;
}

/**
 * Each piece of UI lives in its own open shadow root: the chat's CSS cannot reach it, and `isolateEvents` keeps every
 * key typed in it away from the chat app's shortcuts and message box.
 */
async function mountInShadowRoot(
  ctx: ContentScriptContext,
  name: string,
  anchor: Element,
  render: (root: Root) => void,
): Promise<MountedUi> {
  const ui = await createShadowRootUi<Root>(ctx, {
    name,
    position: 'inline',
    anchor,
    append: 'last',
    isolateEvents: true,
    onMount: (container, shadow) => {
      refuseUntrustedInput(shadow);
      const root = createRoot(container);
      render(root);
      return root;
    },
    onRemove: (root) => root?.unmount(),
  });
  ui.mount();
  return ui;
}

/** The Tracker Data button: in the chat header's button group, or floating in a corner when there is no header. */
export function mountButton(
  ctx: ContentScriptContext,
  anchor: Element | undefined,
  store: PanelStore,
  language: LanguageStore,
): Promise<MountedUi> {
  return mountInShadowRoot(ctx, 'tracker-data-button', anchor ?? document.body, (root) =>
    root.render(
      <FollowLanguage store={language}>{(locale) => <TrackerDataButton store={store} locale={locale} floating={!anchor} />}</FollowLanguage>,
    ),
  );
}

/** The panel, fixed beside the chat; it stays mounted while the chat app rebuilds its header. */
export function mountPanel(ctx: ContentScriptContext, store: PanelStore, language: LanguageStore): Promise<MountedUi> {
  return mountInShadowRoot(ctx, 'tracker-data-panel', document.body, (root) =>
    root.render(<FollowLanguage store={language}>{(locale) => <TrackerPanel store={store} locale={locale} />}</FollowLanguage>),
  );
}
