// One colour per cluster, the same on the map and in the list: hues spread by the golden angle.
export function clusterColour(index: number | null): string {
  if (index === null) return 'rgba(128, 128, 128, 0.45)';
  return `hsl(${Math.round((index * 137.508) % 360)}, 62%, 52%)`;
}
