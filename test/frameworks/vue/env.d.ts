// What a Vue user's env.d.ts holds: the template types of <support-chat> (support-chat/vue).
import type {} from 'support-chat/vue';
