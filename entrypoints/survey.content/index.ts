import { defineContentScript } from 'wxt/utils/define-content-script';
import { startSurveys } from '../../utils/survey-card/survey-page';

export default defineContentScript({
  // Registered nowhere: the background injects it into a frame (scripting.executeScript) only when
  // a survey applies to one of that frame's items (utils/surveys/survey-frames.ts). Without
  // `matches` it asks for no host access of its own.
  registration: 'runtime',
  main(ctx) {
    startSurveys(ctx);
  },
});
