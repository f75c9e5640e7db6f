import { defineContentScript } from 'wxt/utils/define-content-script';
import { startOverlay } from '../../utils/overlay/overlay';

export default defineContentScript({
  // Demo origins; issue #3 registers admin-listed origins at run time instead.
  matches: ['http://localhost/*', 'http://127.0.0.1/*'],
  runAt: 'document_idle',
  // Internal tools frame one another: each frame whose own URL an adapter matches is decorated.
  allFrames: true,
  main(ctx) {
    startOverlay(ctx);
  },
});
