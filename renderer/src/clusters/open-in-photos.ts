// From a cluster or the map to the Photos view: a photo opened in the photo view, or the photos
// like it, either way with more like this around it.
import { usePhotosStore } from '../photos/use-photos-store';
import { useViewStore } from '../stores/view-store';

export function openInPhotos(photo: { id: number; path: string }, how: 'open' | 'similar'): void {
  const photos = usePhotosStore.getState();
  void (how === 'open' ? photos.openPhoto(photo) : photos.similarTo(photo));
  useViewStore.getState().show('photos');
}
