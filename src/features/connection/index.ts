/** What other features may use of the connection feature. */
export { viewerInfoQueryOptions, type ViewerInfo } from './api/get-viewer-info.ts';
