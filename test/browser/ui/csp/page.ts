// The reference server in this frame, then the widget, as a site would load it.
import { startReferenceServer } from '../../helpers/reference-server.js';

await startReferenceServer();
await import('../../../../src/index.js');
(window as unknown as { ready: boolean }).ready = true;
