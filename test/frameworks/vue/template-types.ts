// Type-checked by `tsc --noEmit` (no vue-tsc here): the props a template's <support-chat> gets
// through GlobalComponents are the element's properties and typed event handlers.
import type { GlobalComponents } from 'vue';
import type {} from 'support-chat/vue';

type Props = InstanceType<GlobalComponents['support-chat']>['$props'];

export const ok: Props = {
  token: 'demo-widget-token',
  position: 'top-left',
  strings: { title: 'Help' },
  onSupportChatOpenChange: (event) => void event.detail.open,
  onSupportChatError: (event) => void event.detail.code,
};

// @ts-expect-error -- not a position
export const badPosition: Props = { position: 'middle' };
// @ts-expect-error -- the open-change detail has no count
export const badDetail: Props = { onSupportChatOpenChange: (event) => void event.detail.count };
