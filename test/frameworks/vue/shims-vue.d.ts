// .vue modules for tsc (the build compiles them; vue-tsc would type-check their templates).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<{ events: string[] }>;
  export default component;
}
