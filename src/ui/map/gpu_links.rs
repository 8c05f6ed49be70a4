//! The map's kept mesh of links and dots, drawn straight from the graphics card. The mesh is
//! uploaded once when it is made (after a change, a zoom or a far pan) and drawn with a paint
//! callback each frame, instead of being copied into egui's output and uploaded again every
//! frame: at 2,000 notes that mesh is some 300,000 vertices, and copying it was half of a frame.
//! Only the chunks of the mesh on screen are drawn (see [`crate::canvas::map::mesh`]). Where the
//! app is drawn without wgpu (glow, and the tests' headless runs), the chunks on screen go
//! through egui as an ordinary shape; [`available`] tells which.

use crate::canvas::map::mesh::{KeptLinks, LinkChunk};
use eframe::egui_wgpu::{self, CallbackResources, CallbackTrait, RenderState, ScreenDescriptor};
use eframe::wgpu;
use eframe::wgpu::util::DeviceExt as _;
use egui::epaint::Vertex;
use egui::{Id, Vec2};
use std::collections::HashMap;
use std::sync::Arc;

/// Where the app notes, in egui's memory, that its renderer can draw kept meshes.
fn available_id() -> Id {
    Id::unique("common-ground: kept meshes drawn by the graphics card")
}

/// Sets up drawing kept meshes on the graphics card, for the renderer in `render_state`, and
/// tells the canvases of `ctx` to use it.
pub fn install(ctx: &egui::Context, render_state: &RenderState) {
    let pipeline = KeptMeshPipeline::new(&render_state.device, render_state.target_format);
    render_state.renderer.write().callback_resources.insert(pipeline);
    mark_available(ctx);
}

/// Tells the canvases of `ctx` that its renderer draws kept meshes (see [`install`]). On its own,
/// for the benchmark, which measures the frames the app makes without running a renderer.
pub fn mark_available(ctx: &egui::Context) {
    ctx.data_mut(|data| data.insert_temp(available_id(), true));
}

/// Whether the renderer of `ctx` draws kept meshes.
pub(super) fn available(ctx: &egui::Context) -> bool {
    ctx.data(|data| data.get_temp(available_id())).unwrap_or(false)
}

/// A paint callback that draws the kept `links`' chunks on screen (in screen points as made),
/// moved by their offset, within their rectangle.
pub(super) fn kept_mesh_callback(links: KeptLinks) -> egui::epaint::PaintCallback {
    let KeptLinks { layer, chunks, visible, offset, rect } = links;
    egui_wgpu::Callback::new_paint_callback(
        rect,
        KeptMesh { layer, chunks, visible, translate: offset - rect.min.to_vec2(), size: rect.size() },
    )
}

/// One kept mesh to draw this frame.
struct KeptMesh {
    /// Which kept mesh this is, so each canvas (the console's, the projector's) keeps its own
    /// buffers on the card.
    layer: u64,
    chunks: Arc<[LinkChunk]>,
    /// The chunks to draw, as runs of neighbouring indices into `chunks`.
    visible: Vec<std::ops::Range<usize>>,
    /// Added to each vertex to place it within the callback's rectangle, in points.
    translate: Vec2,
    /// The callback's rectangle's size, in points.
    size: Vec2,
}

impl CallbackTrait for KeptMesh {
    fn prepare(
        &self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        _screen_descriptor: &ScreenDescriptor,
        _egui_encoder: &mut wgpu::CommandEncoder,
        callback_resources: &mut CallbackResources,
    ) -> Vec<wgpu::CommandBuffer> {
        if let Some(pipeline) = callback_resources.get_mut::<KeptMeshPipeline>() {
            pipeline.prepare(device, queue, self);
        }
        Vec::new()
    }

    fn paint(
        &self,
        _info: egui::PaintCallbackInfo,
        render_pass: &mut wgpu::RenderPass<'static>,
        callback_resources: &CallbackResources,
    ) {
        if let Some(pipeline) = callback_resources.get::<KeptMeshPipeline>() {
            pipeline.paint(render_pass, self);
        }
    }
}

/// A kept mesh's buffers on the graphics card.
struct GpuMesh {
    /// The chunks they hold, to tell when they have been made again.
    chunks: Arc<[LinkChunk]>,
    vertices: wgpu::Buffer,
    indices: wgpu::Buffer,
    /// Where each chunk's indices start in `indices`, and after the last chunk's, the end.
    chunk_starts: Vec<u32>,
    locals: wgpu::Buffer,
    bind_group: wgpu::BindGroup,
    /// When it was last drawn, counted in [`KeptMeshPipeline::prepared`].
    last_used: u64,
}

/// How to draw kept meshes, and the ones on the card.
struct KeptMeshPipeline {
    pipeline: wgpu::RenderPipeline,
    bind_group_layout: wgpu::BindGroupLayout,
    meshes: HashMap<u64, GpuMesh>,
    /// How many meshes have been prepared, as a clock for forgetting unused ones.
    prepared: u64,
}

/// A mesh not drawn for this many preparations (seconds of frames) is dropped from the card: its
/// canvas has closed.
const FORGET_AFTER: u64 = 600;

impl KeptMeshPipeline {
    fn new(device: &wgpu::Device, target_format: wgpu::TextureFormat) -> Self {
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("common-ground kept mesh"),
            source: wgpu::ShaderSource::Wgsl(include_str!("kept_mesh.wgsl").into()),
        });
        let bind_group_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("common-ground kept mesh"),
            entries: &[wgpu::BindGroupLayoutEntry {
                binding: 0,
                visibility: wgpu::ShaderStages::VERTEX,
                ty: wgpu::BindingType::Buffer {
                    ty: wgpu::BufferBindingType::Uniform,
                    has_dynamic_offset: false,
                    min_binding_size: None,
                },
                count: None,
            }],
        });
        let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("common-ground kept mesh"),
            bind_group_layouts: &[Some(&bind_group_layout)],
            immediate_size: 0,
        });
        let pipeline = device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
            label: Some("common-ground kept mesh"),
            layout: Some(&layout),
            vertex: wgpu::VertexState {
                module: &module,
                entry_point: Some("vs_main"),
                // egui's own vertex: position, texture coordinates (unused: every kept vertex
                // is at the white texel), colour.
                buffers: &[Some(wgpu::VertexBufferLayout {
                    array_stride: size_of::<Vertex>() as wgpu::BufferAddress,
                    step_mode: wgpu::VertexStepMode::Vertex,
                    attributes: &wgpu::vertex_attr_array![0 => Float32x2, 1 => Float32x2, 2 => Uint32],
                })],
                compilation_options: wgpu::PipelineCompilationOptions::default(),
            },
            primitive: wgpu::PrimitiveState::default(),
            // No depth buffer and no multisampling, as `main` asks eframe for (its defaults):
            // a pipeline must match the render pass egui draws into.
            depth_stencil: None,
            multisample: wgpu::MultisampleState::default(),
            fragment: Some(wgpu::FragmentState {
                module: &module,
                // As egui's renderer does: colours are blended in gamma space, converted only
                // for a framebuffer that expects linear values.
                entry_point: Some(if target_format.is_srgb() {
                    "fs_linear_framebuffer"
                } else {
                    "fs_gamma_framebuffer"
                }),
                targets: &[Some(wgpu::ColorTargetState {
                    format: target_format,
                    // egui's blending of premultiplied colours.
                    blend: Some(wgpu::BlendState {
                        color: wgpu::BlendComponent {
                            src_factor: wgpu::BlendFactor::One,
                            dst_factor: wgpu::BlendFactor::OneMinusSrcAlpha,
                            operation: wgpu::BlendOperation::Add,
                        },
                        alpha: wgpu::BlendComponent {
                            src_factor: wgpu::BlendFactor::OneMinusDstAlpha,
                            dst_factor: wgpu::BlendFactor::One,
                            operation: wgpu::BlendOperation::Add,
                        },
                    }),
                    write_mask: wgpu::ColorWrites::ALL,
                })],
                compilation_options: wgpu::PipelineCompilationOptions::default(),
            }),
            multiview_mask: None,
            cache: None,
        });
        Self { pipeline, bind_group_layout, meshes: HashMap::new(), prepared: 0 }
    }

    /// Uploads the mesh if it is new, and where it goes this frame.
    fn prepare(&mut self, device: &wgpu::Device, queue: &wgpu::Queue, kept: &KeptMesh) {
        self.prepared += 1;
        let now = self.prepared;
        self.meshes.retain(|_, gpu| now - gpu.last_used < FORGET_AFTER);
        let locals = [kept.translate.x, kept.translate.y, kept.size.x, kept.size.y];
        let locals_bytes: &[u8] = bytemuck::cast_slice(&locals);
        match self.meshes.get_mut(&kept.layer) {
            Some(gpu) if Arc::ptr_eq(&gpu.chunks, &kept.chunks) => {
                queue.write_buffer(&gpu.locals, 0, locals_bytes);
                gpu.last_used = now;
            }
            _ => {
                if kept.chunks.is_empty() {
                    self.meshes.remove(&kept.layer);
                    return;
                }
                // The chunks one after another in one pair of buffers, each chunk's indices
                // moved past the vertices before it.
                let mut all_vertices: Vec<Vertex> = Vec::new();
                let mut all_indices: Vec<u32> = Vec::new();
                let mut chunk_starts = Vec::with_capacity(kept.chunks.len() + 1);
                for chunk in kept.chunks.iter() {
                    chunk_starts.push(u32::try_from(all_indices.len()).unwrap_or(u32::MAX));
                    let base = u32::try_from(all_vertices.len()).unwrap_or(u32::MAX);
                    all_vertices.extend_from_slice(&chunk.mesh.vertices);
                    all_indices.extend(chunk.mesh.indices.iter().map(|index| base + index));
                }
                chunk_starts.push(u32::try_from(all_indices.len()).unwrap_or(u32::MAX));
                let vertices = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
                    label: Some("common-ground kept mesh vertices"),
                    contents: bytemuck::cast_slice(&all_vertices),
                    usage: wgpu::BufferUsages::VERTEX,
                });
                let indices = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
                    label: Some("common-ground kept mesh indices"),
                    contents: bytemuck::cast_slice(&all_indices),
                    usage: wgpu::BufferUsages::INDEX,
                });
                let locals = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
                    label: Some("common-ground kept mesh placement"),
                    contents: locals_bytes,
                    usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
                });
                let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
                    label: Some("common-ground kept mesh"),
                    layout: &self.bind_group_layout,
                    entries: &[wgpu::BindGroupEntry { binding: 0, resource: locals.as_entire_binding() }],
                });
                self.meshes.insert(
                    kept.layer,
                    GpuMesh {
                        chunks: Arc::clone(&kept.chunks),
                        vertices,
                        indices,
                        chunk_starts,
                        locals,
                        bind_group,
                        last_used: now,
                    },
                );
            }
        }
    }

    /// Draws the chunks of `kept` on screen: a draw call for each run of neighbours.
    fn paint(&self, render_pass: &mut wgpu::RenderPass<'static>, kept: &KeptMesh) {
        let Some(gpu) = self.meshes.get(&kept.layer) else { return };
        render_pass.set_pipeline(&self.pipeline);
        render_pass.set_bind_group(0, &gpu.bind_group, &[]);
        render_pass.set_vertex_buffer(0, gpu.vertices.slice(..));
        render_pass.set_index_buffer(gpu.indices.slice(..), wgpu::IndexFormat::Uint32);
        for run in &kept.visible {
            let (Some(&start), Some(&end)) = (gpu.chunk_starts.get(run.start), gpu.chunk_starts.get(run.end)) else {
                continue;
            };
            render_pass.draw_indexed(start..end, 0, 0..1);
        }
    }
}
