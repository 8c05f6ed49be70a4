// A kept mesh of egui vertices (see gpu_links.rs): placed by a uniform, coloured by its vertices.

struct Locals {
    // Added to each position (points) to place it within the callback's rectangle.
    translate: vec2<f32>,
    // The callback's rectangle's size, in points.
    size: vec2<f32>,
};
@group(0) @binding(0) var<uniform> locals: Locals;

struct VertexOutput {
    @builtin(position) position: vec4<f32>,
    @location(0) color: vec4<f32>, // premultiplied, gamma 0-1
};

@vertex
fn vs_main(
    @location(0) a_pos: vec2<f32>,
    @location(1) a_tex_coord: vec2<f32>,
    @location(2) a_color: u32,
) -> VertexOutput {
    var out: VertexOutput;
    let p = a_pos + locals.translate;
    out.position = vec4<f32>(2.0 * p.x / locals.size.x - 1.0, 1.0 - 2.0 * p.y / locals.size.y, 0.0, 1.0);
    // egui's Color32 is [r, g, b, a] bytes.
    out.color = unpack4x8unorm(a_color);
    return out;
}

// 0-1 linear from 0-1 sRGB gamma, as egui's renderer converts.
fn linear_from_gamma_rgb(srgb: vec3<f32>) -> vec3<f32> {
    let cutoff = srgb < vec3<f32>(0.04045);
    let lower = srgb / vec3<f32>(12.92);
    let higher = pow((srgb + vec3<f32>(0.055)) / vec3<f32>(1.055), vec3<f32>(2.4));
    return select(higher, lower, cutoff);
}

@fragment
fn fs_gamma_framebuffer(in: VertexOutput) -> @location(0) vec4<f32> {
    return in.color;
}

@fragment
fn fs_linear_framebuffer(in: VertexOutput) -> @location(0) vec4<f32> {
    return vec4<f32>(linear_from_gamma_rgb(in.color.rgb), in.color.a);
}
