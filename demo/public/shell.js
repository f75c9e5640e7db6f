// Ops Portal: sizes each same-origin tool frame to its document, so the portal
// scrolls as one page and every card in the frame can be scrolled into view.
// Test hook: data-frame-height on the iframe once it has been sized.
(function () {
  'use strict';
  // A frame document with height: 100vh would grow with every resize; stop somewhere.
  var MAX_HEIGHT = 20000;

  function fit(frame) {
    var doc = frame.contentDocument;
    if (!doc || !doc.documentElement) return;
    var height = Math.min(MAX_HEIGHT, doc.documentElement.scrollHeight);
    if (Math.abs(height - frame.getBoundingClientRect().height) > 1) frame.style.height = height + 'px';
    frame.setAttribute('data-frame-height', String(height));
  }

  Array.prototype.forEach.call(document.querySelectorAll('iframe.portal__frame'), function (frame) {
    var observer = null;
    function onLoad() {
      if (observer) observer.disconnect();
      var doc = frame.contentDocument;
      if (!doc || !doc.body) return;
      fit(frame);
      // The framed page changes height too (a nested frame being sized, a toast).
      observer = new ResizeObserver(function () {
        fit(frame);
      });
      observer.observe(doc.body);
    }
    frame.addEventListener('load', onLoad);
    if (frame.contentDocument && frame.contentDocument.readyState === 'complete') onLoad();
  });
})();
