import { RadioGroup } from '@/components/radio-group.tsx';
import {
  setRemoteImagesSetting,
  useRemoteImagesSetting,
  type RemoteImagesSetting,
} from '../remote-images-setting.ts';

const CHOICES: { value: RemoteImagesSetting; label: string }[] = [
  { value: 'on', label: 'Automatically' },
  { value: 'click', label: 'On click (a placeholder with a Load image button)' },
];

/** "Load remote images": automatically or on click; remembered in this browser. */
export function RemoteImagesControl() {
  return (
    <RadioGroup
      legend="Load remote images"
      value={useRemoteImagesSetting()}
      options={CHOICES}
      onChange={setRemoteImagesSetting}
      hint={
        <>
          Loading an image part’s http(s) URL tells its host that someone is looking at it: when,
          from which IP address, with which browser (not this page’s address: no referrer is sent).
          Images inside the message (data: URLs) always show. Remembered in this browser.
        </>
      }
    />
  );
}
