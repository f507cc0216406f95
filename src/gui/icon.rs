//! The app's own icon for its window, drawn from the same shapes as `packaging/sheetsafe.svg`
//! (which `packaging/make_icons.py` turns into the installers' PNG, ICO and ICNS): a green
//! rounded square, a white sheet with three ruled lines and a green check. Drawn here, in a
//! few lines, rather than decoding a picture, so the app needs no image decoder.

/// The icon as RGBA pixels, `size` × `size`, anti-aliased by each pixel's distance to a shape.
pub fn rgba(size: u32) -> Vec<u8> {
    #[allow(clippy::cast_precision_loss)] // icon sizes are tiny
    let scale = size as f32 / 100.0;
    let green: [u8; 3] = [0x1e, 0x8e, 0x3e];
    let white: [u8; 3] = [0xff, 0xff, 0xff];
    let rule: [u8; 3] = [0xa0, 0xc8, 0xaa];
    let mut pixels = Vec::with_capacity((size * size * 4) as usize);
    for y in 0..size {
        for x in 0..size {
            // The pixel's centre in the SVG's 100 × 100 units.
            #[allow(clippy::cast_precision_loss)]
            let p = ((x as f32 + 0.5) / scale, (y as f32 + 0.5) / scale);
            // How much of the pixel a shape covers: its signed distance, in pixels, made 0..1.
            let cover = |distance: f32| (0.5 - distance * scale).clamp(0.0, 1.0);
            let square = cover(rounded_rect(p, (4.0, 4.0, 96.0, 96.0), 20.0));
            let sheet = cover(rounded_rect(p, (24.0, 16.0, 76.0, 84.0), 4.0));
            let lines = [32.0, 44.0, 56.0]
                .iter()
                .map(|&ly| cover(super::tray::distance_to_segment(p, (32.0, ly), (68.0, ly)) - 1.8))
                .fold(0.0, f32::max);
            let check = [((42.0, 66.0), (53.0, 77.0)), ((53.0, 77.0), (74.0, 52.0))]
                .iter()
                .map(|&(a, b)| cover(super::tray::distance_to_segment(p, a, b) - 4.5))
                .fold(0.0, f32::max);
            // Painted in the SVG's order: square, sheet, lines, check.
            let mut colour = green.map(f32::from);
            for (layer, amount) in [(white, sheet), (rule, lines * sheet), (green, check)] {
                for (c, l) in colour.iter_mut().zip(layer) {
                    *c += (f32::from(l) - *c) * amount;
                }
            }
            for c in colour {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..=255
                pixels.push(c.round().clamp(0.0, 255.0) as u8);
            }
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            pixels.push((square * 255.0).round() as u8);
        }
    }
    pixels
}

/// Signed distance from `p` to a rectangle (left, top, right, bottom) with rounded corners.
fn rounded_rect(p: (f32, f32), (left, top, right, bottom): (f32, f32, f32, f32), radius: f32) -> f32 {
    let (cx, cy) = (f32::midpoint(left, right), f32::midpoint(top, bottom));
    let (hx, hy) = ((right - left) / 2.0 - radius, (bottom - top) / 2.0 - radius);
    let (qx, qy) = ((p.0 - cx).abs() - hx, (p.1 - cy).abs() - hy);
    let outside = (qx.max(0.0).powi(2) + qy.max(0.0).powi(2)).sqrt();
    outside + qx.max(qy).min(0.0) - radius
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(pixels: &[u8], size: u32, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * size + x) * 4) as usize;
        [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]]
    }

    #[test]
    fn the_icon_has_the_svgs_shapes_where_the_svg_puts_them() {
        let size = 100;
        let icon = rgba(size);
        assert_eq!(icon.len(), (size * size * 4) as usize);
        assert_eq!(at(&icon, size, 1, 1)[3], 0, "outside the rounded corner is clear");
        assert_eq!(at(&icon, size, 10, 50), [0x1e, 0x8e, 0x3e, 255], "the green square");
        assert_eq!(at(&icon, size, 50, 20), [255, 255, 255, 255], "the white sheet");
        assert_eq!(at(&icon, size, 50, 44), [0xa0, 0xc8, 0xaa, 255], "a ruled line");
        assert_eq!(at(&icon, size, 53, 76), [0x1e, 0x8e, 0x3e, 255], "the check");
    }
}
