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

export interface MountedButton extends MountedUi {
  /** Puts the button in this header's button group, or floating in a corner when there is none. */
  moveTo(anchor: Element | undefined): void;
}

/**
 * Each piece of UI lives in its own open shadow root: the chat's CSS cannot reach it, and `isolateEvents` keeps every
 * key typed in it away from the chat app's shortcuts and message box. WXT keeps every shadow-root UI it made until
 * the content script ends, so each is made once and moved, never made anew.
 */
async function createUi(ctx: ContentScriptContext, name: string, anchor: () => Element, render: (root: Root) => void) {
  const ui = await createShadowRootUi<Root>(ctx, {
    name,
    position: 'inline',
    anchor,
    append: 'last',
    isolateEvents: true,
    onMount: (container) => {
      const root = createRoot(container);
      render(root);
      return root;
    },
    onRemove: (root) => root?.unmount(),
  });
  refuseUntrustedInput(ui.shadow);
  return ui;
}

/**
 * The Tracker Data button: in the chat header's button group, or floating in a corner when there is no header. Chat
 * apps rebuild their header on every chat switch, and the button follows it there.
 */
export async function mountButton(
  ctx: ContentScriptContext,
  store: PanelStore,
  language: LanguageStore,
): Promise<MountedButton> {
  let anchor: Element | undefined;
  const ui = await createUi(
    ctx,
    'tracker-data-button',
    () => anchor ?? document.body,
    (root) =>
      root.render(
        <FollowLanguage store={language}>
          {(locale) => <TrackerDataButton store={store} locale={locale} floating={!anchor} />}
        </FollowLanguage>,
      ),
  );
  return {
    moveTo(next) {
      anchor = next;
      ui.remove();
      ui.mount();
    },
    remove: () => ui.remove(),
  };
}

/** The panel, fixed beside the chat; it stays mounted while the chat app rebuilds its header. */
export async function mountPanel(
  ctx: ContentScriptContext,
  store: PanelStore,
  language: LanguageStore,
): Promise<MountedUi> {
  const ui = await createUi(
    ctx,
    'tracker-data-panel',
    () => document.body,
    (root) =>
      root.render(
        <FollowLanguage store={language}>{(locale) => <TrackerPanel store={store} locale={locale} />}</FollowLanguage>,
      ),
  );
  ui.mount();
  return ui;
}
