// Words to search for, or a photo dropped on the box to find others like it (the photo is not
// added to the library).
import { useState, type DragEvent, type FormEvent } from 'react';
import { usePhotosStore } from './use-photos-store';

const MAX_DROP_BYTES = 50 * 1024 * 1024;

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function SearchBox() {
  const source = usePhotosStore((s) => s.source);
  const [text, setText] = useState(source.kind === 'search' ? source.text : '');
  const [over, setOver] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (text.trim() === '') usePhotosStore.getState().browse();
    else void usePhotosStore.getState().search(text.trim());
  };

  const dragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const drop = async (event: DragEvent) => {
    event.preventDefault();
    // Kept from the window's drop zone (that one adds folders to the library).
    event.stopPropagation();
    window.dispatchEvent(new Event('drop'));
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file === undefined) return;
    if (
      !/^image\//.test(file.type) &&
      !/\.(jpe?g|png|webp|gif|bmp|tiff?|heic|avif)$/i.test(file.name)
    ) {
      setProblem(`${file.name} is not a photo.`);
      return;
    }
    setProblem(null);
    setText('');
    const path = window.facet.pathForFile(file);
    if (path !== null && path !== '') {
      await usePhotosStore.getState().similarToOutside(file.name, { path });
      return;
    }
    if (file.size > MAX_DROP_BYTES) {
      setProblem(`${file.name} is too large to search with.`);
      return;
    }
    await usePhotosStore
      .getState()
      .similarToOutside(file.name, { name: file.name, base64: await base64Of(file) });
  };

  return (
    <form
      className={`photos-search${over ? ' photos-search-over' : ''}`}
      role="search"
      onSubmit={submit}
      onDragOver={dragOver}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => void drop(event)}
    >
      <input
        type="search"
        aria-label="Search photos"
        placeholder={
          over
            ? 'Drop to find photos like this one'
            : 'Search: “red star on stripes”, or drop a photo here'
        }
        value={text}
        onChange={(event) => setText(event.target.value)}
        data-shortcut="search"
      />
      <button type="submit" className="button">
        Search
      </button>
      {problem !== null && (
        <span className="photos-search-problem" role="status">
          {problem}
        </span>
      )}
    </form>
  );
}
