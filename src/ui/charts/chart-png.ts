/**
 * A PNG of the charts on screen: each chart SVG is copied (with its computed font), drawn onto one
 * canvas at its on-screen position, with the chart titles, over the page background.
 */

const CHART_SVGS = 'svg.recharts-surface, svg.heatmap';
const TITLES = '.chart-title';

function svgImage(svg: SVGSVGElement, width: number, height: number, font: string): Promise<HTMLImageElement> {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  // An SVG drawn as an image sees none of the page's CSS: carry the font over explicitly.
  copy.setAttribute('style', `font-family: ${font}`);
  const text = new XMLSerializer().serializeToString(copy);
  const image = new Image();
  image.width = width;
  image.height = height;
  return new Promise((resolve, reject) => {
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('A chart could not be drawn as an image.'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  });
}

/**
 * Draws every chart inside `container` into one PNG, laid out as on screen.
 * @throws Error when there is no chart to draw or the browser cannot encode the PNG
 */
export async function chartsToPng(container: HTMLElement, scale = Math.max(2, window.devicePixelRatio || 1)): Promise<Blob> {
  const box = container.getBoundingClientRect();
  const svgs = [...container.querySelectorAll<SVGSVGElement>(CHART_SVGS)].filter((svg) => svg.getBoundingClientRect().width > 0);
  if (svgs.length === 0) throw new Error('There is no chart to export yet.');
  const style = getComputedStyle(container);
  const rootStyle = getComputedStyle(document.documentElement);
  const background = rootStyle.getPropertyValue('--surface').trim() || '#ffffff';
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(box.width * scale);
  canvas.height = Math.ceil(box.height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas.');
  context.scale(scale, scale);
  context.fillStyle = background;
  context.fillRect(0, 0, box.width, box.height);

  context.fillStyle = style.color;
  context.textBaseline = 'top';
  for (const title of container.querySelectorAll<HTMLElement>(TITLES)) {
    const rect = title.getBoundingClientRect();
    const titleStyle = getComputedStyle(title);
    context.font = `${titleStyle.fontWeight} ${titleStyle.fontSize} ${titleStyle.fontFamily}`;
    context.fillText(title.textContent ?? '', rect.left - box.left, rect.top - box.top, rect.width);
  }

  for (const svg of svgs) {
    const rect = svg.getBoundingClientRect();
    const image = await svgImage(svg, rect.width, rect.height, style.fontFamily);
    context.drawImage(image, rect.left - box.left, rect.top - box.top, rect.width, rect.height);
  }

  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG.'))), 'image/png');
  });
}
