import { useId } from 'react';
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
  const value = useRemoteImagesSetting();
  const name = useId();
  const hintId = useId();
  return (
    <fieldset aria-describedby={hintId} className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium text-slate-800">Load remote images</legend>
      {CHOICES.map((choice) => (
        <label key={choice.value} className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="radio"
            name={name}
            value={choice.value}
            checked={value === choice.value}
            onChange={() => setRemoteImagesSetting(choice.value)}
            className="size-4 accent-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
          />
          {choice.label}
        </label>
      ))}
      <p id={hintId} className="text-xs text-slate-600">
        Loading an image part’s http(s) URL tells its host that someone is looking at it: when, from
        which IP address, with which browser (not this page’s address: no referrer is sent). Images
        inside the message (data: URLs) always show. Remembered in this browser.
      </p>
    </fieldset>
  );
}
