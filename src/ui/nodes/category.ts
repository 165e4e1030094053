/** The CSS class that gives a layer family its colour (`--cat` in editor.css): "Convolution" → "cat-convolution". */
export function categoryClass(category: string): string {
  return `cat-${category.split(/[ /&]/)[0]!.toLowerCase()}`;
}
