// The remote-images feature's public entry: what other features (the conversation's images and
// inspector, the connection panel's setting) may use. Everything else in this folder is its own.
export { pagePolicyAllows } from './api/page-policy.ts';
export { ImageFailureNotice } from './components/image-failure-notice.tsx';
export { RemoteImageConsent } from './components/remote-image-consent.tsx';
export { RemoteImagesControl } from './components/remote-images-control.tsx';
export {
  diagnoseImageFailure,
  forgetImageFailure,
  knownImageFailure,
  useImageFailure,
} from './hooks/use-image-failure.ts';
export { useMayLoadImage } from './remote-images-setting.ts';
export { classifyImageFailure, type ImageFailure } from './utils/classify-image-failure.ts';
